import Foundation
import XiezuoCore

/// The yearly cycle's routes in the jurisdiction check: 富平县's year, against 柞水县's officer.
extension JurisdictionTests {
    static func cycleCases(year: Int) -> [Case] {
        let base = "/periods/\(year)/610528"
        return [
            Case(method: .GET, route: "/periods", path: "/periods?year=\(year)&region=610528", expect: .hidden),
            Case(method: .GET, route: "/periods/:year/:county", path: base, expect: .refused),
            Case(method: .POST, route: "/periods/:year/:county/:action", path: base + "/submit", body: "", expect: .refused),
            Case(method: .GET, route: "/api/v1/periods", path: "/api/v1/periods?year=\(year)&region=610528", expect: .hidden),
            Case(method: .GET, route: "/api/v1/periods/:year/:county", path: "/api/v1" + base, expect: .refused),
            Case(method: .POST, route: "/api/v1/periods/:year/:county/submit", path: "/api/v1" + base + "/submit", expect: .refused),
            Case(method: .POST, route: "/api/v1/periods/:year/:county/approve", path: "/api/v1" + base + "/approve", expect: .refused),
            Case(method: .POST, route: "/api/v1/periods/:year/:county/return", path: "/api/v1" + base + "/return",
                 body: #"{"reason":"退回重填"}"#, expect: .refused),
            Case(method: .POST, route: "/api/v1/periods/:year/:county/reopen", path: "/api/v1" + base + "/reopen",
                 body: #"{"reason":"重新开放"}"#, expect: .refused),
            Case(method: .POST, route: "/api/v1/periods/:year/:county/comments", path: "/api/v1" + base + "/comments",
                 body: #"{"text":"意见意见"}"#, expect: .refused),
        ]
    }
}
