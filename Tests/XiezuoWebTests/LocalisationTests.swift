import Foundation
import Testing
import Vapor
@testable import XiezuoWeb
import XiezuoTestSupport

@Suite("Localisation")
struct LocalisationTests {
    @Test func bothLanguagesHaveTheSameKeys() throws {
        let localizer = try Localizer()
        #expect(localizer.keys(.zhHans) == localizer.keys(.en))
        #expect(localizer.keys(.zhHans).count > 100)
    }

    @Test("every key used in a template or in code exists")
    func everyUsedKeyExists() throws {
        let localizer = try Localizer()
        let keys = localizer.keys(.zhHans)
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/XiezuoWeb")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { ["leaf", "swift"].contains($0.pathExtension) }
        #expect(files.count > 20)
        var used = Set<String>()
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: /(?:[#\.\s(]t|say|failure)\("([a-z_]+(?:\.[a-zA-Z_0-9]+)+)"/) { used.insert(String(match.1)) }
        }
        #expect(used.count > 50)
        #expect(used.subtracting(keys).isEmpty, "missing: \(used.subtracting(keys).sorted())")
    }

    @Test("Accept-Language picks the language", arguments: [
        (nil as String?, Language.zhHans), ("en-US,en;q=0.9", .en), ("zh-CN,zh;q=0.9,en;q=0.8", .zhHans),
        ("fr-FR, en;q=0.5", .en), ("de", .zhHans), ("en;q=0, zh;q=0.1", .zhHans),
    ])
    func negotiate(header: String?, language: Language) {
        #expect(Language.negotiate(header) == language)
    }

    @Test("pages follow Accept-Language, and the toggle's cookie overrides it", arguments: [TestDatabase.sqlite])
    func toggle(database: TestDatabase) async throws {
        try await withTestApp(database, seed: false) { t in
            let english = TestClient(t.app, headers: ["Accept-Language": "en"])
            let page = try await english.send(.GET, "/regions/611026")
            #expect(page.body.string.contains("<html lang=\"en\">"))
            #expect(page.body.string.contains("Pairing partners"))
            let browser = TestClient(t.app, headers: ["Accept-Language": "zh-CN"])
            #expect(try await browser.send(.GET, "/").body.string.contains("首页"))
            let toggled = try await browser.send(.GET, "/lang/en?next=%2Fpairings")
            #expect(toggled.status == .seeOther)
            #expect(toggled.headers.first(name: .location) == "/pairings")
            #expect(browser.cookies["lang"] == "en")
            #expect(try await browser.send(.GET, "/pairings").body.string.contains("Pairings"))
            // The toggle only redirects within the site.
            let outside = try await browser.send(.GET, "/lang/zh-Hans?next=https://example.com/")
            #expect(outside.headers.first(name: .location) == "/")
        }
    }
}
