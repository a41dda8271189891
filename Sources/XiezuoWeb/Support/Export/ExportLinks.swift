import Foundation
import Vapor

/// The "导出 Excel" links a page shows: each list on the page as the workbook of its API (`format=xlsx`), with the
/// page's filters. Shown to staff and employers, who keep registers in Excel; the API applies their jurisdiction.
struct ExportLink: Encodable {
    var label: String
    var href: String
}

enum ExportLinks {
    /// One list on a page: the sheet's locale key and the API path that exports it.
    private struct Target {
        var sheet: String
        var api: String
        /// Query parameters to carry over from the page (nil: all but paging and language).
        var carry: [String]? = nil
        /// Parameters to add when the page has none (the page's own defaults, such as this year).
        var defaults: [String: String] = [:]
    }

    /// The lists of the page at `path`, keyed by its route (`:id` matches one path component).
    private static func targets(_ path: String, year: String) -> [Target] {
        let parts = path.split(separator: "/").map(String.init)
        func id(_ at: Int) -> String { parts.count > at ? parts[at] : "" }
        switch parts {
        case ["projects"]: return [Target(sheet: "export.sheet.projects", api: "/api/v1/projects")]
        case let p where p.count == 2 && p[0] == "projects" && UUID(uuidString: p[1]) != nil:
            return [Target(sheet: "export.sheet.flows", api: "/api/v1/projects/\(id(1))/flows", carry: [])]
        case ["agreements"]: return [Target(sheet: "export.sheet.agreements", api: "/api/v1/agreements", carry: ["year"])]
        case ["dashboard"]: return [Target(sheet: "export.sheet.dashboard", api: "/api/v1/dashboard")]
        case ["employers"]: return [Target(sheet: "export.sheet.employers", api: "/api/v1/employers", carry: ["region", "q"])]
        case ["manage", "jobs"]: return [Target(sheet: "export.sheet.postings", api: "/api/v1/job-postings", carry: ["status", "q"])]
        case let p where p.count == 4 && p[0] == "manage" && p[1] == "jobs" && p[3] == "applicants":
            return [Target(sheet: "export.sheet.applications", api: "/api/v1/jobs/\(id(2))/applications", carry: [])]
        case ["workers"]: return [Target(sheet: "export.sheet.workers", api: "/api/v1/workers", carry: ["region", "q"])]
        case let p where p.count == 2 && p[0] == "workers" && UUID(uuidString: p[1]) != nil:
            return [Target(sheet: "export.sheet.applications", api: "/api/v1/workers/\(id(1))/applications", carry: [])]
        case ["placements"]: return [Target(sheet: "export.sheet.placements", api: "/api/v1/placements", carry: ["year", "region"])]
        case ["training"]: return [Target(sheet: "export.sheet.training", api: "/api/v1/training", carry: ["region", "q"])]
        case ["brands"]: return [Target(sheet: "export.sheet.brands", api: "/api/v1/brands", carry: ["region", "q"])]
        case ["workshops"]: return [Target(sheet: "export.sheet.workshops", api: "/api/v1/workshops", carry: ["region", "q"])]
        case ["gigs"]:
            return [Target(sheet: "export.sheet.gigs", api: "/api/v1/gigs", carry: ["region"]),
                    Target(sheet: "export.sheet.gig_markets", api: "/api/v1/gig-markets", carry: ["region"])]
        case ["manage", "labor"]:
            return [Target(sheet: "export.sheet.trips", api: "/api/v1/trips", carry: ["region"]),
                    Target(sheet: "export.sheet.training", api: "/api/v1/training", carry: ["region"]),
                    Target(sheet: "export.sheet.brands", api: "/api/v1/brands", carry: ["region"]),
                    Target(sheet: "export.sheet.workshops", api: "/api/v1/workshops", carry: ["region"])]
        case let p where p.count == 4 && p[0] == "manage" && p[1] == "labor":
            switch p[2] {
            case "training": return [Target(sheet: "export.sheet.trainees", api: "/api/v1/training/\(id(3))/trainees", carry: [])]
            case "gigs": return [Target(sheet: "export.sheet.gig_signups", api: "/api/v1/gigs/\(id(3))/signups", carry: [])]
            case "trips": return [Target(sheet: "export.sheet.passengers", api: "/api/v1/trips/\(id(3))/passengers", carry: [])]
            default: return []
            }
        case ["jobs"]:
            return [Target(sheet: "export.sheet.jobs", api: "/api/v1/jobs", carry: ["q", "region", "province", "occupation", "paired_with", "sort"])]
        case ["products"]: return [Target(sheet: "export.sheet.products", api: "/api/v1/products", carry: ["q", "region", "brand", "category"])]
        case ["manage", "consumption"]:
            return [Target(sheet: "export.sheet.sales", api: "/api/v1/sales", carry: ["year", "region"], defaults: ["year": year]),
                    Target(sheet: "export.sheet.orders", api: "/api/v1/orders", carry: []),
                    Target(sheet: "export.sheet.procurements", api: "/api/v1/procurements", carry: ["year"], defaults: ["year": year]),
                    Target(sheet: "export.sheet.sales_events", api: "/api/v1/sales-events", carry: ["region"]),
                    Target(sheet: "export.sheet.products", api: "/api/v1/products", carry: [], defaults: ["mine": "true"])]
        case ["industries"]:
            return [Target(sheet: "export.sheet.industries", api: "/api/v1/industries", carry: ["region"]),
                    Target(sheet: "export.sheet.parks", api: "/api/v1/parks", carry: ["region"]),
                    Target(sheet: "export.sheet.enclave_report", api: "/api/v1/enclave-report", carry: ["year"])]
        case ["manage", "industry"]:
            return [Target(sheet: "export.sheet.enterprises", api: "/api/v1/enterprises", carry: ["region"]),
                    Target(sheet: "export.sheet.promotion_events", api: "/api/v1/promotion-events", carry: ["region"])]
        case let p where p.count == 2 && p[0] == "parks" && UUID(uuidString: p[1]) != nil:
            return [Target(sheet: "export.sheet.enclave_shares", api: "/api/v1/parks/\(id(1))/enclave", carry: [])]
        case ["admin", "audit"]: return [Target(sheet: "export.sheet.audit", api: "/api/v1/audit")]
        case ["admin", "users"]: return [Target(sheet: "export.sheet.users", api: "/api/v1/users", carry: ["role", "q"])]
        case ["admin", "tokens"], ["account"]: return [Target(sheet: "export.sheet.tokens", api: "/api/v1/tokens", carry: [])]
        case ["reports", "annual"]: return [Target(sheet: "export.sheet.annual_report", api: "/api/v1/reports/annual")]
        case ["periods"]: return [Target(sheet: "export.sheet.periods", api: "/api/v1/periods", carry: ["year", "region", "state"])]
        case ["periods", "grades"]: return [Target(sheet: "export.sheet.grades", api: "/api/v1/periods/grades", carry: ["year", "region"])]
        case ["pairings"]: return [Target(sheet: "export.sheet.pairings", api: "/api/v1/pairings", carry: ["year", "region"])]
        case ["manage", "cooperation"]:
            return [Target(sheet: "export.sheet.personnel", api: "/api/v1/personnel-exchanges", carry: ["year", "region"], defaults: ["year": year]),
                    Target(sheet: "export.sheet.village_pairings", api: "/api/v1/village-pairings", carry: ["year", "region"], defaults: ["year": year]),
                    Target(sheet: "export.sheet.demonstration_villages", api: "/api/v1/demonstration-villages", carry: ["year", "region"],
                           defaults: ["year": year])]
        default: return []
        }
    }

    /// The import that fills the page's register, if the visitor may run it.
    static func importLink(for request: Request) -> ExportLink? {
        let kinds = ["/projects": "projects", "/workers": "workers", "/manage/jobs": "postings", "/training": "enrolments",
                     "/manage/labor": "enrolments", "/manage/consumption": "sales", "/manage/cooperation": "personnel"]
        guard request.principal.accountID != nil, let name = kinds[request.url.path], let kind = ImportKind.named(name),
              kind.allowed(request.principal) else { return nil }
        return ExportLink(label: request.t(kind.title), href: "/imports/\(name)")
    }

    /// The links for this request's page: none for visitors, workers and buyers.
    static func links(for request: Request) -> [ExportLink] {
        let principal = request.principal
        guard principal.accountID != nil, principal.role?.isStaff == true || principal.role == .enterprise else { return [] }
        let page = URLComponents(string: request.url.string)
        let items = (page?.queryItems ?? []).filter { !["page", "perPage", "lang", "format"].contains($0.name) && !($0.value ?? "").isEmpty }
        return targets(request.url.path, year: String(request.today.year)).map { target in
            var query = items.filter { target.carry?.contains($0.name) ?? true }
            if target.api == "/api/v1/jobs" {
                // The board's form takes the wage in 元 and benefits one by one; the API in 分 and comma-separated.
                if let wage = items.first(where: { $0.name == "wage" })?.value.flatMap({ Int($0) }), (0...1_000_000).contains(wage) {
                    query.append(URLQueryItem(name: "wage_min", value: String(wage * 100)))
                }
                let benefits = items.filter { $0.name == "benefit[]" || $0.name == "benefit" }.compactMap(\.value)
                if !benefits.isEmpty { query.append(URLQueryItem(name: "benefits", value: benefits.joined(separator: ","))) }
            }
            for (name, value) in target.defaults where !query.contains(where: { $0.name == name }) { query.append(URLQueryItem(name: name, value: value)) }
            query.append(URLQueryItem(name: "format", value: "xlsx"))
            var components = URLComponents()
            components.path = target.api
            components.queryItems = query
            return ExportLink(label: request.t(target.sheet), href: components.string ?? target.api)
        }
    }
}
