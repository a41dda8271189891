import FluentKit
import Foundation
import XiezuoCore

/// Generated workers for the demo (every one labelled 演示 in their name): fictitious ID-card numbers that pass the
/// check character, in the townships of the counties the letter names, wishing the demo jobs' occupations; some
/// applications, and placements booked through the repositories so the placement indicators move.
public enum DemoWorkers {
    /// What a generation wrote.
    public struct Report: Sendable {
        public var workers = 0
        public var applications = 0
        public var placements = 0
    }

    static let counties = ["611026", "611022", "610528", "610827", "610922", "611024", "610924", "611021", "610921"]
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
    static let given = ["建军", "秀英", "海燕", "志强", "小红", "明", "丽", "军", "芳", "伟", "敏", "静", "磊", "娟", "强", "霞"]

    /// Generates `count` workers, about a third with an application and half of those hired.
    public static func generate(count: Int, regions: RegionDirectory, cipher: PersonalDataCipher, search: JobSearch,
                                on database: any Database, today: Day = Day(Date())) async throws -> Report {
        var random = SeededRandom(seed: 2_021_156_50)
        var report = Report()
        let workers = WorkerRepository(database: database, regions: regions, cipher: cipher)
        let applications = ApplicationRepository(database: database, regions: regions)
        let matching = WorkerMatching(database: database, search: search, cipher: cipher)
        let occupations = Array(Set(DemoJobs.kinds.map(\.occupation))).sorted()
        for serial in 0..<count {
            let county = counties[serial % counties.count]
            let townships = regions.children(of: county).filter { $0.level == .township }
            let home = townships.isEmpty ? county : townships[random.next(townships.count)].code
            let year = 1970 + random.next(35)
            let birth = String(format: "%04d%02d%02d", year, 1 + random.next(12), 1 + random.next(28))
            guard let number = IDCardNumber.completing(county + birth + String(format: "%03d", (serial * 7 + random.next(7)) % 1000)) else { continue }
            let name = "\(surnames[random.next(surnames.count)])\(given[random.next(given.count)])（演示）"
            let draft = WorkerDraft(
                name: name, idNumber: number, phone: "139" + String(format: "%08d", random.next(100_000_000)), homeCode: home,
                povertyStatus: ["poverty_lifted", "poverty_lifted", "monitored", "other"][random.next(4)],
                education: ["primary", "junior_high", "junior_high", "senior_high", "vocational"][random.next(5)],
                skills: [], wishedOccupations: [occupations[random.next(occupations.count)]], preferredPlaces: [], pairedCities: true,
                minWage: Int64(3000 + random.next(3000)) * 100, certificates: [], consent: true, sensitiveConsent: true)
            let worker: Worker
            do {
                worker = try await workers.register(draft, by: .system, today: today)
            } catch let error as DomainError where error.code == "id_registered" {
                continue  // two generated numbers happened to coincide
            }
            report.workers += 1
            guard serial % 3 == 0, let best = try await matching.jobs(for: worker.id, by: .system, limit: 1, today: today).first else { continue }
            let application = try await applications.apply(worker: worker.id, to: best.listing.posting.id, by: .system, today: today)
            report.applications += 1
            guard serial % 2 == 0 else { continue }
            let start = Day(Date().addingTimeInterval(-Double(random.next(200)) * 86_400))
            _ = try await applications.hire(application.id, HireDraft(startDate: start.description,
                                                                       monthlyWage: best.listing.posting.wageMin), by: .system, today: today)
            report.placements += 1
        }
        return report
    }
}
