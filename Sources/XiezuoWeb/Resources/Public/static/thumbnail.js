// A picture chosen in a file input with data-thumbnail="NAME" gets a thumbnail made here, in the browser, which has
// the decoders: scaled to at most 640 px a side, as WebP (JPEG where WebP cannot be written), put into the form's
// hidden file input NAME. The server checks it (type, header size, 200 KB) and lists show it; without JavaScript, or
// when the browser cannot do it, the picture goes alone and lists show the picture itself.
document.addEventListener("change", function (event) {
  "use strict";
  var input = event.target;
  var name = input.getAttribute && input.getAttribute("data-thumbnail");
  if (!name || !input.files || !input.files[0] || !window.createImageBitmap || !window.DataTransfer) { return; }
  var target = input.form && input.form.querySelector('input[type="file"][name="' + name + '"]');
  if (!target) { return; }
  var side = 640;
  var form = input.form;
  var button = form.querySelector('button[type="submit"], button:not([type])');
  if (button) { button.disabled = true; }
  function done() { if (button) { button.disabled = false; } }
  createImageBitmap(input.files[0]).then(function (bitmap) {
    var scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
    var canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    function attach(blob) {
      if (!blob || blob.size > 200 * 1024) { done(); return; }
      var transfer = new DataTransfer();
      var type = blob.type || "image/jpeg";
      transfer.items.add(new File([blob], "thumbnail." + (type === "image/webp" ? "webp" : "jpg"), { type: type }));
      target.files = transfer.files;
      done();
    }
    canvas.toBlob(function (blob) {
      if (blob && blob.type === "image/webp") { attach(blob); } else { canvas.toBlob(attach, "image/jpeg", 0.8); }
    }, "image/webp", 0.8);
  }).catch(done);
});
