import Foundation

/// One matched job: the posting (standing for its duplicate group), its score and reasons.
public struct JobMatch: Sendable, Equatable {
    public var postingID: UUID
    public var score: MatchScore
}

extension JobSearchIndex {
    /// The top `limit` open jobs for a worker's profile on `today`, best first (ties: newest first), one per
    /// duplicate group. A scan over every live posting with integer comparisons only; see docs/matching.md.
    public func matches(for profile: MatchProfile, today: Day, limit: Int) -> [JobMatch] {
        guard limit > 0 else { return [] }
        let prepared = MatchScoring.Prepared(profile)
        let day = Self.number(today)
        let boardBit = Self.mask([.board]), lodgingBit = Self.mask([.lodging])
        // Best candidate per duplicate group, then the top of those: (score << 32 | posted) orders them.
        var bestOfGroup: [Int32: (key: UInt64, number: Int)] = [:]
        for number in 0..<ids.count where live[number] && lastDay[number] >= day {
            guard let scored = MatchScoring.score(prepared, occupation: occupationKey[number], occupationCode: { "" },
                                                  county: county[number], wageMax: wage[number],
                                                  board: benefitMask[number] & boardBit != 0,
                                                  lodging: benefitMask[number] & lodgingBit != 0) else { continue }
            let key = UInt64(scored.score) << 32 | UInt64(posted[number])
            if let current = bestOfGroup[group[number]], current.key >= key { continue }
            bestOfGroup[group[number]] = (key, number)
        }
        let top = bestOfGroup.values.sorted { ($0.key, $1.number) > ($1.key, $0.number) }.prefix(limit)
        // Score again with the occupation named, for the reasons.
        return top.map { candidate in
            let number = candidate.number
            let scored = MatchScoring.score(prepared, occupation: occupationKey[number], occupationCode: { occupation[number] },
                                            county: county[number], wageMax: wage[number],
                                            board: benefitMask[number] & boardBit != 0,
                                            lodging: benefitMask[number] & lodgingBit != 0)!
            return JobMatch(postingID: ids[number], score: scored)
        }
    }
}
