import FluentKit
import XiezuoCore

/// The demo data set loaded on the first run with the embedded SQLite default: one account per role, so every
/// page can be tried. Later capabilities add their demo records here.
public enum DemoData {
    /// The demo accounts: user name, display name, role and jurisdiction.
    public static let accounts: [(username: String, name: String, role: Role, jurisdiction: String?)] = [
        ("shaanxi-coordinator", "陕西省协作办（演示）", .coordinator, "61"),
        ("jiangsu-coordinator", "江苏省协作办（演示）", .coordinator, "32"),
        ("shangluo-officer", "商洛市干部（演示）", .officer, "6110"),
        ("zhashui-officer", "柞水县干部（演示）", .officer, "611026"),
        ("fuping-officer", "富平县干部（演示）", .officer, "610528"),
        ("demo-enterprise", "演示企业", .enterprise, nil),
        // Acts for the first demo supplier (紫阳富硒茶's cooperative) once the consumption demo is generated.
        ("demo-supplier", "演示供应商", .enterprise, nil),
        ("demo-worker", "演示务工人员", .worker, nil),
        ("demo-partner", "就在江苏（演示伙伴平台）", .partner, nil),
    ]

    /// Creates the demo accounts with one shared password and records that the demo set is loaded.
    public static func load(accounts repository: AccountRepository, password: String, on database: any Database) async throws -> [Account] {
        var created: [Account] = []
        for demo in accounts where try await repository.find(username: demo.username) == nil {
            created.append(try await repository.create(
                AccountDraft(username: demo.username, displayName: demo.name, role: demo.role.rawValue,
                             jurisdiction: demo.jurisdiction, password: password), by: .system))
        }
        try await SeedState.markDone("demo", on: database)
        return created
    }
}
