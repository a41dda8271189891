// A picture chosen in a file input with data-thumbnail="NAME" gets a thumbnail made here, in the browser, which has
// the decoders: scaled to at most 640 px a side, as WebP (JPEG where WebP cannot be written), put into the form's
// hidden file input NAME. The server checks it (type, header size, 200 KB) and lists show it; without JavaScript, or
// when the browser cannot do it, the picture goes alone and lists show the picture itself.
(function () {
  "use strict";
  var side = 640;
  var limit = 200 * 1024;
  document.addEventListener("change", function (event) {
    var input = event.target;
    var name = input.getAttribute && input.getAttribute("data-thumbnail");
    if (!name || !input.form) { return; }
    var target = input.form.querySelector('input[type="file"][name="' + name + '"]');
    if (!target) { return; }
    // A thumbnail of an earlier choice never goes with this one.
    target.value = "";
    var file = input.files && input.files[0];
    var button = input.form.querySelector('button[type="submit"], button:not([type])');
    function done() { if (button) { button.disabled = false; } }
    if (!file || !window.createImageBitmap || !window.DataTransfer) { done(); return; }
    if (button) { button.disabled = true; }
    function current() { return input.files && input.files[0] === file; }
    createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      function attach(blob) {
        // Only for the file still chosen (a quicker second choice may have finished first).
        if (blob && blob.size <= limit && current()) {
          var type = blob.type || "image/jpeg";
          var transfer = new DataTransfer();
          transfer.items.add(new File([blob], "thumbnail." + (type === "image/webp" ? "webp" : "jpg"), { type: type }));
          target.files = transfer.files;
        }
        if (current()) { done(); }
      }
      canvas.toBlob(function (blob) {
        if (blob && blob.type === "image/webp") { attach(blob); } else { canvas.toBlob(attach, "image/jpeg", 0.8); }
      }, "image/webp", 0.8);
    }).catch(function () { if (current()) { done(); } });
  });
}());
