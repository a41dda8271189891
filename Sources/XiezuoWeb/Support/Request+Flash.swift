import Vapor

/// A message for the next page (post, redirect, get): "注册成功" after signing up, "已保存" after a save. Kept in the
/// session and shown once by the layout.
extension Request {
    /// Leaves `text` for the next page this visitor opens.
    func flash(_ text: String) {
        session.data["flash"] = text
    }

    /// The message left for this page, taken so it shows once; nil without a session.
    func takeFlash() -> String? {
        guard hasSessionCookie, hasSession, let text = session.data["flash"] else { return nil }
        session.data["flash"] = nil
        return text
    }
}
