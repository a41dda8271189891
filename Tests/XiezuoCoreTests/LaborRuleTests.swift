import Foundation
import Testing
@testable import XiezuoCore

@Suite("Labour rules: credit codes, phones, occupations, postings")
struct LaborRuleTests {
    let regions = RegionDirectory([
        Region(code: "32", name: "江苏省", level: .province, parentCode: nil),
        Region(code: "3201", name: "南京市", level: .city, parentCode: "32"),
        Region(code: "320118", name: "高淳区", level: .county, parentCode: "3201"),
        Region(code: "61", name: "陕西省", level: .province, parentCode: nil),
        Region(code: "6110", name: "商洛市", level: .city, parentCode: "61"),
        Region(code: "611026", name: "柞水县", level: .county, parentCode: "6110"),
    ])
    let today = Day("2026-11-29")!

    @Test func creditCodesOfRealCompaniesPassAndAlteredOnesFail() throws {
        // Published codes: Huawei Technologies and an Alibaba company.
        #expect(try CreditCode.validated("914403001922038216") == "914403001922038216")
        #expect(try CreditCode.validated(" 91330100799655058b ") == "91330100799655058B")
        #expect(throws: DomainError.invalid("creditCode", "credit_code_check")) { try CreditCode.validated("914403001922038217") }
        #expect(throws: DomainError.invalid("creditCode", "credit_code_length")) { try CreditCode.validated("91440300192203821") }
        #expect(throws: DomainError.invalid("creditCode", "credit_code_characters")) { try CreditCode.validated("9144030019220382I6") }
        #expect(CreditCode.completing("91440300192203821") == "914403001922038216")
    }

    @Test func phonesAreCheckedAndMasked() throws {
        #expect(try PhoneNumber.validated("138-1234-5678", field: "p", required: true) == "13812345678")
        #expect(try PhoneNumber.validated("029 8765 4321", field: "p", required: true) == "02987654321")
        #expect(throws: DomainError.invalid("p", "phone_format")) { try PhoneNumber.validated("12345", field: "p", required: true) }
        #expect(PhoneNumber.masked("13812345678") == "138****5678")
        #expect(Masking.mask("610102199001011234", keepFirst: 4, keepLast: 4) == "6101**********1234")
    }

    @Test func occupationCodesHaveTheClassificationsShape() {
        #expect(OccupationCatalogue.isWellFormed("4-03-02-01"))
        #expect(OccupationCatalogue.isWellFormed("4-03"))
        #expect(!OccupationCatalogue.isWellFormed("9-01-01-01"))
        #expect(!OccupationCatalogue.isWellFormed("4-3-2-1"))
        #expect(OccupationCatalogue.majorGroups.count == 8)
        #expect(OccupationCatalogue.named("4-03-02-01")?.nameZh == "中式烹调师")
        #expect(OccupationCatalogue.nearest("4-03-02-99")?.code == "4-03-02")
        #expect(OccupationCatalogue.depth("4-03-02-01") == 4 && OccupationCatalogue.depth("8") == 1 && OccupationCatalogue.depth("4-03-02") == 3)
        // The byte-level check agrees with the rule stated by parts, on every short text of these characters.
        func byParts(_ code: String) -> Int? {
            let parts = code.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...4).contains(parts.count) else { return nil }
            for (index, part) in parts.enumerated() {
                guard part.utf8.count == (index == 0 ? 1 : 2), part.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            }
            return (0x31...0x38).contains(parts[0].utf8.first!) ? parts.count : nil
        }
        let characters = ["0", "1", "4", "8", "9", "-", "a", "０", " "]
        for _ in 0..<20_000 {
            let code = (0..<Int.random(in: 0...11)).map { _ in characters.randomElement()! }.joined()
            #expect(OccupationCatalogue.depth(code) == byParts(code), "\(code)")
        }
        for code in ["4-03-02-01", "1-01", "8-99-99-99", "4-03-02-01-", "-4-03", "4--03", "4-03-0a", "4-03-02-01-01"] {
            #expect(OccupationCatalogue.depth(code) == byParts(code), "\(code)")
        }
    }

    @Test func textIsIndexedByCharactersAndPairs() {
        #expect(JobText.indexTerms("中式烹调师") == ["中", "式", "烹", "调", "师", "中式", "式烹", "烹调", "调师"])
        #expect(JobText.indexTerms("Java开发（ＡＢＣ）") == ["java", "开", "发", "开发", "abc"])
        #expect(JobText.queryTerms("厨") == ["厨"])
        #expect(JobText.queryTerms("厨师") == ["厨师"])
        #expect(JobText.queryTerms("中式烹调") == ["中式", "式烹", "烹调"])
        #expect(JobText.normalisedTitle("中式烹调师（包吃住）") == JobText.normalisedTitle("中式烹调师 包吃住"))
    }

    @Test("SipHash-2-4 gives the reference implementation's values")
    func sipHashVectors() {
        // vectors.h of the reference implementation: key 00 01 … 0f, message 00 01 … (n − 1).
        let hasher = SipHash24(k0: 0x0706_0504_0302_0100, k1: 0x0f0e_0d0c_0b0a_0908)
        #expect(hasher.hash([UInt8]()) == 0x726f_db47_dd0e_0e31)
        #expect(hasher.hash([UInt8(0)]) == 0x74f8_39c5_93dc_67fd)
        #expect(hasher.hash(Array(UInt8(0)..<15)) == 0xa129_ca61_49be_45e5)
        #expect(hasher.hash(Array(UInt8(0)..<8)) == 0x93f5_f579_9a93_2462)
    }

    @Test("a duplicate key is a 16-character digest of credit code, normalised title, county and wage range")
    func duplicateKeyDigest() {
        let key = JobText.duplicateKey(creditCode: "91320100MA1XYZ1234", title: "中式烹调师（包吃住）", countyCode: "320118",
                                       wageMin: 600_000, wageMax: 800_000)
        #expect(key.utf8.count == 16)
        #expect(key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        // Stored keys must not change between runs or machines.
        #expect(key == JobText.duplicateKey(creditCode: "91320100ma1xyz1234", title: "中式烹调师 包吃住", countyCode: "320118",
                                            wageMin: 600_000, wageMax: 800_000))
        let others = [
            JobText.duplicateKey(creditCode: "91320100MA1XYZ1235", title: "中式烹调师", countyCode: "320118", wageMin: 600_000, wageMax: 800_000),
            JobText.duplicateKey(creditCode: "91320100MA1XYZ1234", title: "中式面点师", countyCode: "320118", wageMin: 600_000, wageMax: 800_000),
            JobText.duplicateKey(creditCode: "91320100MA1XYZ1234", title: "中式烹调师", countyCode: "320115", wageMin: 600_000, wageMax: 800_000),
            JobText.duplicateKey(creditCode: "91320100MA1XYZ1234", title: "中式烹调师", countyCode: "320118", wageMin: 600_000, wageMax: 800_001),
        ]
        #expect(Set(others + [key]).count == 5)
        // Spread over the whole alphabet: 20,000 different jobs give 20,000 keys whose characters all occur.
        var keys = Set<String>()
        var characters = Set<Character>()
        for n in 0..<20_000 {
            let key = JobText.duplicateKey(creditCode: "91320100MA1XYZ1234", title: "辅警\(n)", countyCode: "610426", wageMin: 1, wageMax: 2)
            keys.insert(key)
            characters.formUnion(key)
        }
        #expect(keys.count == 20_000 && characters.count == 64)
        #expect(JobText.duplicateFields(creditCode: "91320100ma1xyz1234", title: "中式烹调师（包吃住）", countyCode: "320118",
                                        wageMin: 600_000, wageMax: 800_000) == "91320100MA1XYZ1234|中式烹调师包吃住|320118|600000-800000")
    }

    @Test("the byte-level check of a credit code agrees with the character-level one")
    func creditCodeFastCheck() {
        var generator = SystemRandomNumberGenerator()
        let letters = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        for _ in 0..<2_000 {
            let code = String((0..<18).map { _ in letters.randomElement(using: &generator)! })
            let values = code.map { CreditCode.alphabet.firstIndex(of: $0)! }
            #expect(CreditCode.fastCheck(code) == (CreditCode.checkCharacter(for: Array(values.prefix(17))) == code.last))
            let body = String(code.prefix(17))
            #expect(CreditCode.fastCheck(CreditCode.completing(body)!) == true)
        }
        for odd in ["91440300192203821", "9144030019220382160", "9144030019220382I6", "9144030019220382O6", "91440300192203821６",
                    "9144030019220382\r\n", "914403001922038a16"] {
            #expect(CreditCode.fastCheck(odd) == nil, "\(odd)")
        }
    }

    @Test("the fast path of a normalised title gives what compatibility mapping and the letter filter give")
    func normalisedTitleFastPath() {
        let pieces = ["中式", "烹调师", "（", "）", "(", ")", " ", "　", "Ａ", "ｂ", "Java", "ABC", "42", "〇", "々", "【", "】", "，", "：",
                      "é", "e\u{301}", "ﬁ", "①", "丹凤厨工", "㐀", "豈", "\t", "-", "/", "·", "😀", "Ⅻ", "\r\n", "《", "》", "、", "。"]
        var generator = SystemRandomNumberGenerator()
        var titles = pieces + ["中式烹调师（包吃住）", "Java开发（ＡＢＣ）", "保安员/门卫 24h"]
        for _ in 0..<3_000 {
            titles.append((0..<Int.random(in: 1...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for title in titles {
            let slow = String(JobText.normalised(title).filter { $0.isLetter || $0.isNumber })
            #expect(JobText.normalisedTitle(title) == slow, "\(title.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(JobText.fastNormalisedTitle("中式烹调师（包吃住）") == "中式烹调师包吃住")
        #expect(JobText.fastNormalisedTitle("Ａ") == nil && JobText.fastNormalisedTitle("〇") == nil)
    }

    func draft(_ change: (inout JobDraft) -> Void = { _ in }) -> JobDraft {
        var draft = JobDraft(title: "中式烹调师", occupationCode: "4-03-02-01", description: "负责中餐", countyCode: "320118",
                             wageMin: 600_000, wageMax: 800_000, wageType: "fixed", headcount: 3, education: "junior_high",
                             ageMin: 18, ageMax: 50, benefits: ["lodging", "board"], validThrough: "2026-12-31")
        change(&draft)
        return draft
    }

    @Test func aGoodDraftIsAccepted() throws {
        let checked = try draft().validated(in: regions, today: today)
        #expect(checked.benefits == [.board, .lodging])
        #expect(checked.education == .juniorHigh)
    }

    @Test(arguments: [
        ("gender", "male"), ("ethnicity", "汉族"), ("title", "厨师（限男性）"), ("description", "只招汉族，包吃住"), ("description", "男性优先"),
    ])
    func restrictingByGenderOrEthnicityIsRefused(field: String, value: String) {
        let bad = draft {
            switch field {
            case "gender": $0.gender = value
            case "ethnicity": $0.ethnicity = value
            case "title": $0.title = value
            default: $0.description = value
            }
        }
        #expect(throws: DomainError.invalid(field, "discriminatory_requirement")) { try bad.validated(in: regions, today: today) }
        #expect(throws: Never.self) { try draft { $0.gender = "any" }.validated(in: regions, today: today) }
    }

    @Test func everyRefusedPhraseIsFoundThroughSpacesPunctuationAndLatinText() {
        for phrase in JobDraft.discriminatoryPhrases {
            // The quick first look must not let a phrase pass: each contains one of the anchors.
            #expect(JobDraft.anchors.contains { JobDraft.contains(Array(phrase.utf8), $0) }, "\(phrase)")
            let spaced = phrase.map(String.init).joined(separator: " ・ ")
            #expect(JobDraft.isDiscriminatory("Cook 厨师 A1，\(spaced)！"), "\(phrase)")
        }
        #expect(!JobDraft.isDiscriminatory("男女不限，包吃住，Cook A1"))
        #expect(!JobDraft.isDiscriminatory("招聘厨师 3 名"))
    }

    @Test("the anchor search finds what a byte-by-byte search finds, at either end and nowhere else")
    func anchorSearch() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["男", "女", "族", "厨", "师", "包", "吃", "住", "a", "1", " ", "，", "\u{94}", "\u{B7}", "😀"]
        var samples = ["", "男", "女族", "a男", "男a", "\u{E7}\u{94}"]
        for _ in 0..<5_000 {
            samples.append((0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in samples {
            let bytes = Array(text.utf8)
            for anchor in JobDraft.anchors + [Array("厨师".utf8), [0xB7], []] {
                let found = bytes.withUnsafeBufferPointer { JobDraft.containsAnchor($0, anchor) }
                #expect(found == JobDraft.contains(bytes, anchor), "\(text) \(anchor)")
            }
        }
    }

    @Test func textIsTrimmedAndCountedInCharacters() throws {
        #expect(try Validate.text("\u{3000} 厨师 \n", field: "title", max: 2) == "厨师")
        #expect(try Validate.text("厨师长", field: "title", max: 3) == "厨师长")
        #expect(throws: DomainError.invalid("title", "too_long", ["max": "2"])) { try Validate.text("厨师长", field: "title", max: 2) }
        #expect(throws: DomainError.invalid("title", "required")) { try Validate.text("\u{3000}", field: "title", max: 2) }
    }

    @Test func fieldRulesNameTheirField() {
        let cases: [(JobDraft, String, String)] = [
            (draft { $0.title = " " }, "title", "required"),
            (draft { $0.occupationCode = "4-03" }, "occupationCode", "occupation_format"),
            (draft { $0.countyCode = "3201" }, "countyCode", "not_a_county"),
            (draft { $0.wageMax = 500_000 }, "wageMax", "wage_max_below_min"),
            (draft { $0.headcount = 0 }, "headcount", "must_be_positive"),
            (draft { $0.ageMin = 15 }, "ageMin", "age_out_of_range"),
            (draft { $0.benefits = ["pony"] }, "benefits", "unknown_benefit"),
            (draft { $0.validThrough = "2026-11-28" }, "validThrough", "date_in_past"),
            (draft { $0.education = "phd" }, "education", "unknown_choice"),
        ]
        for (bad, field, code) in cases {
            do {
                _ = try bad.validated(in: regions, today: today)
                Issue.record("accepted a draft with a bad \(field)")
            } catch {
                #expect(error.field == field)
                #expect(error.code == code)
            }
        }
    }

    @Test func statusMovesFollowTheLifeCycle() throws {
        try JobStatus.open.checkMove(to: .filled)
        try JobStatus.filled.checkMove(to: .open)
        try JobStatus.open.checkMove(to: .withdrawn)
        #expect(throws: DomainError.self) { try JobStatus.withdrawn.checkMove(to: .open) }
        #expect(throws: DomainError.self) { try JobStatus.open.checkMove(to: .expired) }
    }
}
