import Dispatch
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
        // A bounded min-heap of the best candidates by (points << 32 | posting time); a few times `limit`, so that
        // postings of the same duplicate group can be dropped afterwards and `limit` distinct jobs remain. The scan is
        // split over the cores, a heap each, then merged.
        let capacity = limit * 4
        let parts = ids.count >= 65_536 ? max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)) : 1
        let chunk = (ids.count + parts - 1) / parts
        // Each part writes only its own slot.
        let slots = HeapSlots(buffer: .allocate(capacity: parts))
        let heaps = slots.buffer
        defer { heaps.deallocate() }
        let scan: @Sendable (Int) -> Void = { part in
            var heap = CandidateHeap(capacity: capacity)
            self.scan(prepared, day: day, range: (part * chunk)..<min(self.ids.count, (part + 1) * chunk), into: &heap)
            (slots.buffer.baseAddress! + part).initialize(to: heap)
        }
        if parts == 1 { scan(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: scan) }
        var heap = CandidateHeap(capacity: capacity)
        for part in 0..<parts {
            for (key, number) in heaps[part].contents { heap.offer(key: key, number: number) }
            (heaps.baseAddress! + part).deinitialize(count: 1)
        }
        var chosen = distinctGroups(heap.sortedDescending(), limit: limit)
        if chosen.count < limit, heap.count == capacity {
            // Duplicates crowded the heap out (rare): fall back to the best posting of every group.
            chosen = bestOfEveryGroup(prepared, day: day, limit: limit)
        }
        // Score again with the occupation named, for the reasons.
        return chosen.map { number in
            let scored = MatchScoring.score(prepared, occupation: occupationKey[number], occupationCode: { distinctOccupationCodes[Int(occupationOrdinal[number])] },
                                            county: county[number], wageMax: wage[number],
                                            board: benefitMask[number] & boardBit != 0,
                                            lodging: benefitMask[number] & lodgingBit != 0)!
            return JobMatch(postingID: ids[number], score: scored)
        }
    }

    /// Offers every live posting of `range` open on `day` to `heap`: the occupation and place points come from
    /// tables computed once per distinct value, so a posting costs two look-ups and a few comparisons.
    private func scan(_ prepared: MatchScoring.Prepared, day: Int32, range: Range<Int>, into heap: inout CandidateHeap) {
        guard !range.isEmpty else { return }
        let boardBit = Self.mask([.board]), lodgingBit = Self.mask([.lodging])
        let occupationTable = distinctOccupations.map { UInt64(MatchScoring.occupationPoints(prepared, $0)) }
        let placeTable = distinctCounties.map { UInt64(MatchScoring.placePoints(prepared, county: $0)) }
        let minWage = prepared.minWage
        let wagePoints: UInt64 = minWage > 0 ? 20 : 10
        live.withUnsafeBufferPointer { live in
        lastDay.withUnsafeBufferPointer { lastDay in
        occupationOrdinal.withUnsafeBufferPointer { occupation in
        countyOrdinal.withUnsafeBufferPointer { county in
        wage.withUnsafeBufferPointer { wage in
        benefitMask.withUnsafeBufferPointer { benefits in
        posted.withUnsafeBufferPointer { posted in
        occupationTable.withUnsafeBufferPointer { occupationTable in
        placeTable.withUnsafeBufferPointer { placeTable in
            for number in range where live[number] && lastDay[number] >= day && wage[number] >= minWage {
                let mask = benefits[number]
                let points = occupationTable[Int(occupation[number])] + placeTable[Int(county[number])] + wagePoints
                    + (mask & boardBit != 0 ? 5 : 0) + (mask & lodgingBit != 0 ? 5 : 0)
                heap.offer(key: points << 32 | UInt64(posted[number]), number: Int32(number))
            }
        }}}}}}}}}
    }

    /// The first posting of each duplicate group in `numbers` (best first), up to `limit`.
    private func distinctGroups(_ numbers: [Int], limit: Int) -> [Int] {
        var seen = Set<Int32>()
        var result: [Int] = []
        for number in numbers where seen.insert(group[number]).inserted {
            result.append(number)
            if result.count == limit { break }
        }
        return result
    }

    /// The slow, exact path: the best posting of every duplicate group, then the top `limit`.
    private func bestOfEveryGroup(_ prepared: MatchScoring.Prepared, day: Int32, limit: Int) -> [Int] {
        let boardBit = Self.mask([.board]), lodgingBit = Self.mask([.lodging])
        var best: [Int32: (key: UInt64, number: Int)] = [:]
        for number in 0..<ids.count where live[number] && lastDay[number] >= day {
            let points = MatchScoring.points(prepared, occupation: occupationKey[number], county: county[number], wageMax: wage[number],
                                             board: benefitMask[number] & boardBit != 0, lodging: benefitMask[number] & lodgingBit != 0)
            guard points >= 0 else { continue }
            let key = UInt64(points) << 32 | UInt64(posted[number])
            if let current = best[group[number]], current.key >= key { continue }
            best[group[number]] = (key, number)
        }
        return best.values.sorted { ($0.key, $1.number) > ($1.key, $0.number) }.prefix(limit).map(\.number)
    }
}

/// Per-part result slots of the parallel scan; each part writes only its own.
struct HeapSlots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<CandidateHeap>
}

/// A fixed-capacity min-heap of (key, document number): keeps the largest keys offered.
struct CandidateHeap: @unchecked Sendable {
    private var keys: [UInt64] = []
    private var numbers: [Int32] = []
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        keys.reserveCapacity(capacity)
        numbers.reserveCapacity(capacity)
    }

    var count: Int { keys.count }

    /// Keeps the candidate if it beats the smallest kept one (ties: the lower document number wins, as in the sort).
    @inline(__always)
    mutating func offer(key: UInt64, number: Int32) {
        if keys.count < capacity {
            keys.append(key)
            numbers.append(number)
            siftUp(keys.count - 1)
        } else if key > keys[0] {
            keys[0] = key
            numbers[0] = number
            siftDown(0)
        }
    }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard keys[child] < keys[parent] else { return }
            keys.swapAt(child, parent)
            numbers.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < keys.count, keys[left] < keys[smallest] { smallest = left }
            if right < keys.count, keys[right] < keys[smallest] { smallest = right }
            guard smallest != parent else { return }
            keys.swapAt(parent, smallest)
            numbers.swapAt(parent, smallest)
            parent = smallest
        }
    }

    /// The kept (key, document number) pairs, in no particular order.
    var contents: Zip2Sequence<[UInt64], [Int32]> { zip(keys, numbers) }

    /// The kept document numbers, largest key first (ties: lower number first).
    func sortedDescending() -> [Int] {
        zip(keys, numbers).sorted { ($0.0, $1.1) > ($1.0, $0.1) }.map { Int($0.1) }
    }
}
