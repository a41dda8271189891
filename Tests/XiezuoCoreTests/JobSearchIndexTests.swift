import Foundation
import Testing
@testable import XiezuoCore

@Suite("The job search index")
struct JobSearchIndexTests {
    let today = Day("2026-11-29")!

    func entry(_ title: String, county: String = "320118", occupation: String = "4-03-02-01", wage: Int64 = 800_000,
               benefits: [Benefit] = [], daysAgo: Double = 0, key: String? = nil, description: String = "") -> JobSearchIndex.Entry {
        JobSearchIndex.Entry(id: UUID(), title: title, description: description, countyCode: county, occupationCode: occupation,
                             wageMax: wage, benefits: benefits, validThrough: Day("2026-12-31")!,
                             postedAt: Date(timeIntervalSince1970: 1_790_000_000 - daysAgo * 86_400),
                             duplicateKey: key ?? UUID().uuidString)
    }

    @Test func oneTwoAndLongerQueries() {
        var index = JobSearchIndex()
        let cook = entry("中式烹调师")
        let chef = entry("厨师长", occupation: "4-03-02-02", description: "负责中式烹调")
        let guardJob = entry("保安员", occupation: "4-07-05-01")
        [cook, chef, guardJob].forEach { index.upsert($0) }
        // 厨 is in the chef's title, and in 厨师, a common name of the cook's occupation (中式烹调师): the title first.
        #expect(index.search(JobQuery(text: "厨"), today: today, offset: 0, limit: 10).ids == [chef.id, cook.id])
        // Single characters are looked up in titles only.
        #expect(index.search(JobQuery(text: "式"), today: today, offset: 0, limit: 10).ids == [cook.id])
        #expect(Set(index.search(JobQuery(text: "烹调"), today: today, offset: 0, limit: 10).ids) == [cook.id, chef.id])
        #expect(index.search(JobQuery(text: "中式烹调师"), today: today, offset: 0, limit: 10).ids == [cook.id])
        // A title match ranks above a description match.
        #expect(index.search(JobQuery(text: "中式烹调"), today: today, offset: 0, limit: 10).ids == [cook.id, chef.id])
        #expect(index.search(JobQuery(text: "焊工"), today: today, offset: 0, limit: 10).total == 0)
        #expect(index.search(JobQuery(text: ""), today: today, offset: 0, limit: 10).total == 3)
    }

    @Test func wordsAlsoFindTheOccupationsTheyName() {
        var index = JobSearchIndex()
        let cook = entry("中式烹调师（丹凤厨工）", occupation: "4-03-02-01")
        let chef = entry("厨师", occupation: "4-03-02-01", daysAgo: 5)
        let nanny = entry("月嫂", occupation: "4-10-01-06")
        let welder = entry("焊工", county: "611026", occupation: "6-18-02-04")
        [cook, chef, nanny, welder].forEach { index.upsert($0) }
        func ids(_ text: String, region: String? = nil) -> [UUID] { index.search(JobQuery(text: text, region: region), today: today, offset: 0, limit: 10).ids }
        // The title match first, though older.
        #expect(ids("厨师") == [chef.id, cook.id])
        #expect(ids("保姆") == [nanny.id])
        #expect(ids("电焊") == [welder.id])
        #expect(ids("welder") == [welder.id])
        // Every word must match, by text or by occupation.
        #expect(ids("厨师 焊工").isEmpty)
        #expect(ids("电焊", region: "32").isEmpty)
        #expect(ids("飞行员").isEmpty)
    }

    @Test func filtersAndOrders() {
        var index = JobSearchIndex()
        let nanjing = entry("普工", county: "320118", occupation: "6-25-04-07", wage: 600_000, benefits: [.board, .lodging], daysAgo: 3)
        let zhashui = entry("普工", county: "611026", occupation: "6-25-04-07", wage: 900_000, benefits: [.board], daysAgo: 1)
        let cook = entry("厨师普工", county: "611026", occupation: "4-03-02-01", wage: 700_000, daysAgo: 2)
        [nanjing, zhashui, cook].forEach { index.upsert($0) }
        func ids(_ query: JobQuery) -> [UUID] { index.search(query, today: today, offset: 0, limit: 10).ids }
        #expect(ids(JobQuery(text: "普工", region: "32")) == [nanjing.id])
        #expect(Set(ids(JobQuery(text: "普工", region: "6110"))) == [zhashui.id, cook.id])
        #expect(ids(JobQuery(occupation: "6", sort: .wage)) == [zhashui.id, nanjing.id])
        #expect(Set(ids(JobQuery(wageMin: 700_000))) == [zhashui.id, cook.id])
        #expect(ids(JobQuery(benefits: [.board, .lodging])) == [nanjing.id])
        #expect(ids(JobQuery(sort: .newest)) == [zhashui.id, cook.id, nanjing.id])
        #expect(ids(JobQuery(sort: .wage)) == [zhashui.id, cook.id, nanjing.id])
        #expect(ids(JobQuery(preferredRegions: ["3201"], sort: .newest)) == [nanjing.id, zhashui.id, cook.id])
        #expect(index.search(JobQuery(), today: today, offset: 1, limit: 1).ids.count == 1)
        #expect(index.search(JobQuery(), today: today, offset: 1, limit: 1).total == 3)
        // The wage filter reads the bottom of a range: 5,500–6,400 is not "at least 6,000".
        var ranged = entry("普工", wage: 640_000)
        ranged.wageMin = 550_000
        index.upsert(ranged)
        #expect(!ids(JobQuery(wageMin: 600_000)).contains(ranged.id))
        #expect(ids(JobQuery(wageMin: 550_000)).contains(ranged.id))
    }

    @Test func duplicatesShowOnceAndRemovalsAndExpiryHide() {
        var index = JobSearchIndex()
        let here = entry("焊工", key: "same")
        let there = entry("焊工", key: "same")
        index.upsert(here)
        index.upsert(there)
        #expect(index.search(JobQuery(text: "焊工"), today: today, offset: 0, limit: 10).total == 1)
        index.remove(here.id)
        #expect(index.search(JobQuery(text: "焊工"), today: today, offset: 0, limit: 10).ids == [there.id])
        #expect(index.search(JobQuery(text: "焊工"), today: Day("2027-01-01")!, offset: 0, limit: 10).total == 0)
        var changed = there
        changed.title = "电焊工"
        index.upsert(changed)
        #expect(index.count == 1)
        #expect(index.search(JobQuery(text: "电焊"), today: today, offset: 0, limit: 10).ids == [there.id])
    }
}
