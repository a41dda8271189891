import Leaf
import LeafKit
import Vapor

/// `#t("key")` or `#t("key", "name", value, …)` in templates: the string for the request's language.
struct LocalizeTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let key = ctx.parameters.first?.string, let request = ctx.request else {
            throw LeafError(.unknownError("#t needs a key and a request"))
        }
        var arguments: [String: String] = [:]
        var rest = ctx.parameters.dropFirst()
        while rest.count >= 2 {
            let name = rest.removeFirst().string ?? ""
            arguments[name] = rest.removeFirst().string ?? ""
        }
        return .string(request.t(key, arguments))
    }
}

/// `#csrf()`: the hidden form field carrying the session's CSRF token.
struct CSRFFieldTag: UnsafeUnescapedLeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let request = ctx.request else { throw LeafError(.unknownError("#csrf needs a request")) }
        return .string("<input type=\"hidden\" name=\"_csrf\" value=\"\(request.csrfToken())\">")
    }
}

/// `#csrfIfSession()`: the CSRF field when the visitor has a session, nothing otherwise — for the forms a visitor
/// without one may send (adding to the cart), so showing the page gives nobody a session and the page can be kept
/// (`PageCache`); such a post is checked by its `Origin` instead (`PrincipalMiddleware`).
struct SessionCSRFFieldTag: UnsafeUnescapedLeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let request = ctx.request else { throw LeafError(.unknownError("#csrfIfSession needs a request")) }
        guard request.hasSessionCookie else { return .string("") }
        return .string("<input type=\"hidden\" name=\"_csrf\" value=\"\(request.csrfToken())\">")
    }
}

/// `#lang()`: the HTML language tag of the request.
struct LanguageTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        .string(ctx.request?.language.htmlTag ?? "zh-Hans")
    }
}

/// `#time(date)`: a date as `yyyy-MM-dd HH:mm` in China Standard Time, the platform's working time zone.
/// Leaf's encoder hands dates over as seconds since 1970.
struct TimeTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let seconds = ctx.parameters.first?.double else { return .string("") }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return .string(formatter.string(from: Date(timeIntervalSince1970: seconds)))
    }
}
