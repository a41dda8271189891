import Foundation

/// What a worker looks for, resolved for matching: occupations, places (the paired Jiangsu cities looked up by the
/// caller), home county and minimum wage.
public struct MatchProfile: Sendable, Equatable {
    public var occupations: [String]
    public var preferredPlaces: [String]
    /// Jiangsu region codes paired with the home county (when the worker wants them).
    public var pairedCities: [String]
    public var homeCounty: String
    /// Fen per month; 0 for none.
    public var minWage: Int64

    public init(occupations: [String], preferredPlaces: [String], pairedCities: [String], homeCounty: String, minWage: Int64) {
        self.occupations = occupations
        self.preferredPlaces = preferredPlaces
        self.pairedCities = pairedCities
        self.homeCounty = homeCounty
        self.minWage = minWage
    }
}

/// One plain-language reason of a match; the web layer words it (`match.<code>`), filling in `arguments`.
public struct MatchReason: Sendable, Codable, Hashable {
    public var code: String
    public var arguments: [String: String]

    public init(_ code: String, _ arguments: [String: String] = [:]) {
        self.code = code
        self.arguments = arguments
    }
}

/// A job's or a worker's score for a match, 0…100, with its reasons.
public struct MatchScore: Sendable, Codable, Hashable {
    public var score: Int
    public var reasons: [MatchReason]
}

/// The scoring of docs/matching.md: occupation (up to 40), place (up to 30), wage (up to 20), board and lodging
/// (5 each). A job paying less than the worker's minimum is not a match at all.
public enum MatchScoring {
    /// An occupation code as four numbers (0 for absent levels) and its depth.
    struct Code: Equatable {
        var parts: (Int, Int, Int, Int)
        var depth: Int

        init?(_ text: String) {
            guard OccupationCatalogue.isWellFormed(text) else { return nil }
            let numbers = text.split(separator: "-").map { Int($0) ?? 0 }
            parts = (numbers[0], numbers.count > 1 ? numbers[1] : 0, numbers.count > 2 ? numbers[2] : 0, numbers.count > 3 ? numbers[3] : 0)
            depth = numbers.count
        }

        static func == (lhs: Code, rhs: Code) -> Bool { lhs.parts == rhs.parts && lhs.depth == rhs.depth }

        /// The code packed one level per byte, major group in the top byte: two codes share as many leading
        /// levels as their XOR has leading zero bytes.
        var packed: UInt32 { UInt32(parts.0) << 24 | UInt32(parts.1) << 16 | UInt32(parts.2) << 8 | UInt32(parts.3) }
    }

    /// Leading levels two packed codes share (0…4).
    @inline(__always)
    static func commonLevels(_ a: UInt32, _ b: UInt32) -> Int {
        let difference = a ^ b
        return difference == 0 ? 4 : difference.leadingZeroBitCount >> 3
    }

    /// The points of the best wished occupation against a job: 40 when the job lies in the wish, else 10 per shared
    /// level.
    @inline(__always)
    static func wishPoints(_ wished: [(key: UInt32, depth: Int)], job: UInt32) -> Int {
        var best = 0
        for wish in wished {
            let common = commonLevels(wish.key, job)
            best = max(best, common >= wish.depth ? 40 : common * 10)
        }
        return best
    }

    /// Points and reason for the best of the wished occupations against a job's packed code.
    static func occupation(_ wished: [(key: UInt32, depth: Int)], job packed: UInt32, jobCode: () -> String) -> (Int, MatchReason?) {
        let points = wishPoints(wished, job: packed)
        let code: String
        switch points {
        case 40: code = "wished_occupation"
        case 30: code = "same_small_group"
        case 20: code = "same_middle_group"
        case 10: code = "same_major_group"
        default: return (0, nil)
        }
        return (points, MatchReason(code, ["occupation": jobCode()]))
    }

    /// True when a county code (as a number) lies in the region `code` (2, 4 or 6 digits).
    static func county(_ county: Int32, isIn code: (value: Int32, length: Int)) -> Bool {
        switch code.length {
        case 2: return county / 10_000 == code.value
        case 4: return county / 100 == code.value
        case 6: return county == code.value
        default: return false
        }
    }

    /// A profile prepared for scoring many jobs.
    public struct Prepared: Sendable {
        let wished: [(key: UInt32, depth: Int)]
        let preferred: [(value: Int32, length: Int, code: String)]
        let paired: [(value: Int32, length: Int, code: String)]
        let home: Int32
        let minWage: Int64

        public init(_ profile: MatchProfile) {
            wished = profile.occupations.compactMap(Code.init).map { ($0.packed, $0.depth) }
            func regions(_ codes: [String]) -> [(value: Int32, length: Int, code: String)] {
                codes.filter { [2, 4, 6].contains($0.count) }.compactMap { code in Int32(code).map { ($0, code.count, code) } }
            }
            preferred = regions(profile.preferredPlaces)
            paired = regions(profile.pairedCities)
            home = Int32(profile.homeCounty) ?? 0
            minWage = profile.minWage
        }
    }

    /// The points of one job without its reasons (no allocation: the scan calls this for every posting), or -1
    /// when it pays less than the minimum. Always equal to ``score(_:occupation:occupationCode:county:wageMax:board:lodging:)``'s
    /// `score`; a test checks the two agree.
    @inline(__always)
    public static func points(_ profile: Prepared, occupation packed: UInt32, county: Int32, wageMax: Int64, board: Bool, lodging: Bool) -> Int {
        if profile.minWage > 0, wageMax < profile.minWage { return -1 }
        return occupationPoints(profile, packed) + placePoints(profile, county: county) + (profile.minWage > 0 ? 20 : 10)
            + (board ? 5 : 0) + (lodging ? 5 : 0)
    }

    /// The occupation part of the points (0, 10, 20, 30 or 40).
    @inline(__always)
    public static func occupationPoints(_ profile: Prepared, _ packed: UInt32) -> Int {
        wishPoints(profile.wished, job: packed)
    }

    /// The place part of the points (30 preferred, 25 paired, 20 home county, 5 home province, else 0).
    @inline(__always)
    public static func placePoints(_ profile: Prepared, county: Int32) -> Int {
        for region in profile.preferred where Self.county(county, isIn: (region.value, region.length)) { return 30 }
        for region in profile.paired where Self.county(county, isIn: (region.value, region.length)) { return 25 }
        return county == profile.home ? 20 : (county / 10_000 == profile.home / 10_000 ? 5 : 0)
    }

    /// The score of one job, or nil when it pays less than the minimum.
    public static func score(_ profile: Prepared, occupation packed: UInt32, occupationCode: () -> String, county: Int32, wageMax: Int64,
                             board: Bool, lodging: Bool) -> MatchScore? {
        if profile.minWage > 0, wageMax < profile.minWage { return nil }
        var score = 0
        var reasons: [MatchReason] = []
        let (points, reason) = occupation(profile.wished, job: packed, jobCode: occupationCode)
        score += points
        if let reason { reasons.append(reason) }
        if let place = profile.preferred.first(where: { Self.county(county, isIn: ($0.value, $0.length)) }) {
            score += 30
            reasons.append(MatchReason("preferred_place", ["region": place.code]))
        } else if let city = profile.paired.first(where: { Self.county(county, isIn: ($0.value, $0.length)) }) {
            score += 25
            reasons.append(MatchReason("paired_city", ["region": city.code]))
        } else if county == profile.home {
            score += 20
            reasons.append(MatchReason("home_county"))
        } else if county / 10_000 == profile.home / 10_000 {
            score += 5
            reasons.append(MatchReason("home_province"))
        }
        if profile.minWage > 0 {
            score += 20
            reasons.append(MatchReason("wage_above_minimum", ["wage": String(wageMax)]))
        } else {
            score += 10
        }
        switch (board, lodging) {
        case (true, true):
            score += 10
            reasons.append(MatchReason("board_and_lodging"))
        case (true, false):
            score += 5
            reasons.append(MatchReason("board"))
        case (false, true):
            score += 5
            reasons.append(MatchReason("lodging"))
        default: break
        }
        return MatchScore(score: score, reasons: reasons)
    }

    /// Scores a posting (for the jobs → workers direction and for tests).
    public static func score(_ profile: MatchProfile, posting: JobPosting) -> MatchScore? {
        score(Prepared(profile), posting: posting)
    }

    /// Scores a posting against a prepared profile.
    public static func score(_ profile: Prepared, posting: JobPosting) -> MatchScore? {
        guard let code = Code(posting.occupationCode) else { return nil }
        return score(profile, occupation: code.packed, occupationCode: { posting.occupationCode },
                     county: Int32(posting.countyCode) ?? 0, wageMax: posting.wageMax,
                     board: posting.benefits.contains(.board), lodging: posting.benefits.contains(.lodging))
    }
}
