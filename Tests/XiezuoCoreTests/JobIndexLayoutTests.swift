import Foundation
import Testing
@testable import XiezuoCore

@Suite("The job index's compact layout: terms as numbers, delta-coded posting lists")
struct JobIndexLayoutTests {
    /// Texts of every kind the tokenizer meets: the usual (Han, ASCII, full-width, CJK punctuation) on its fast path,
    /// and the rest (compatibility ideographs, accents, iteration marks, emoji, variation selectors) on the string path.
    static let texts = [
        "中式烹调师", "Java开发（ＡＢＣ）", "西安新源物流有限公司（演示79015）招聘电工7名，工作地点碑林区。月薪6100–6900元，缴纳五险。",
        "厨", "a", "ＸＹＺ１２３ｄｅｆ", "包吃住、五险一金；年龄18—45岁！“优秀”…", "CNC操作工/普工 2班倒", "中 文", "中\n文\r\n英",
        "咖啡店员 café", "人々", "〇号线", "豈更車", "𠀀𠀁字", "工人👷招聘", "葛\u{E0100}城", "ﾃｽﾄ", "Ⅻ号", "", "   ", "x中y文z",
        "①号岗位", "電工（日本語）", "Straße", "İstanbul", "厨师\u{3000}帮厨", "3\u{00B7}5", "長沙・岳陽",
    ]

    @Test("the fast tokenizer makes the same terms as the string path, as numbers, for titles and descriptions")
    func sameTerms() {
        for text in Self.texts {
            for singles in [true, false] {
                var keys = Set<UInt64>()
                JobText.forEachIndexTermKey(text, singles: singles) { keys.insert($0) }
                let expected = Set(JobText.indexTerms(text, singles: singles).map(JobText.termKey))
                #expect(keys == expected, "\(text) singles: \(singles)")
            }
        }
    }

    @Test("a query's terms name the index's numbers: characters and pairs by their code points, words by a hash")
    func termKeys() {
        #expect(JobText.termKey("厨") == UInt64(1) << 63 | 0x53A8)
        #expect(JobText.termKey("厨师") == UInt64(3) << 62 | UInt64(0x53A8) << 21 | 0x5E08)
        #expect(JobText.termKey("java") == JobText.termKey("java") && JobText.termKey("java") >> 63 == 0)
        #expect(JobText.termKey("java") != JobText.termKey("jav"))
        #expect(JobText.termKey("厨师长") >> 63 == 0)
    }

    @Test("a posting list gives back what was appended, ignores a repeat of the last, and refuses nothing else")
    func postingList() {
        var generator = SystemRandomNumberGenerator()
        var numbers: [Int32] = []
        var list = PostingList()
        var next: Int32 = 0
        for _ in 0..<50_000 {
            // Mostly small steps, now and then a larger one (at most 30 million in all, under the index.s 2^25).
            next += Bool.random(using: &generator) ? Int32.random(in: 1...3, using: &generator) : Int32.random(in: 1...600, using: &generator)
            numbers.append(next)
            list.append(next)
            if Int.random(in: 0..<4, using: &generator) == 0 { list.append(next) }
        }
        #expect(list.count == numbers.count && list.last == numbers.last)
        #expect(list.decoded() == numbers)
        var copy = list
        copy.shrink()
        #expect(copy == list && copy.decoded() == numbers)
        var first = PostingList()
        first.append(0)
        first.append(1 << 25)
        #expect(first.decoded() == [0, 1 << 25] && first.byteCount == 1 + 4)
        #expect(PostingList().decoded().isEmpty)
    }

    @Test("a million neighbours cost about a byte each")
    func compact() {
        var list = PostingList()
        for number in stride(from: Int32(0), to: 3_000_000, by: 3) { list.append(number) }
        #expect(list.count == 1_000_000 && list.byteCount == 1_000_000)
    }
}
