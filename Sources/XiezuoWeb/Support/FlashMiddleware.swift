import Vapor

/// A message after every successful action of the staff pages: a form post answered by a redirect (post, redirect,
/// get) that did not leave a message of its own gets "已保存" on the page it leads to.
struct FlashMiddleware: AsyncMiddleware {
    /// The staff pages' paths; the public side's actions say what they did themselves.
    static let prefixes = ["/manage/", "/projects", "/agreements", "/admin/", "/pairings", "/employers", "/workers", "/account"]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        guard request.method == .POST, response.status == .seeOther, !request.url.path.hasPrefix("/api/"),
              Self.prefixes.contains(where: { request.url.path.hasPrefix($0) }), request.hasSession,
              request.session.data["flash"] == nil else { return response }
        request.flash(request.t("flash.saved"))
        return response
    }
}
