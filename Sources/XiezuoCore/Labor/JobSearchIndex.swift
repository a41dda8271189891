import Foundation

/// An in-memory inverted index of open job postings over character unigrams and bigrams (see ``JobText``).
///
/// Documents are numbered in the order they are added; each term (a number, ``JobText/termKey(_:)``) has an id and
/// a title and a description list of those numbers, delta-coded (``PostingList``), so a query is a merge of short
/// sorted lists. A changed posting gets a new number and its old one is marked dead; when too many are dead
/// (``needsCompaction``) the store builds a fresh index beside this one. The store keeps one instance current from
/// the change sequence, so the same code answers on SQLite and on PostgreSQL.
public struct JobSearchIndex: Sendable {
    /// What the index keeps of a posting to filter and order without reading the database.
    public struct Entry: Sendable, Equatable {
        public var id: UUID
        public var title: String
        public var description: String
        public var countyCode: String
        public var occupationCode: String
        public var wageMax: Int64
        /// The bottom of the wage range (the board's "at least" filter); nil means the same as `wageMax`.
        public var wageMin: Int64?
        public var benefits: [Benefit]
        public var validThrough: Day
        public var postedAt: Date
        public var duplicateKey: String

        /// Creates an entry.
        public init(id: UUID, title: String, description: String, countyCode: String, occupationCode: String, wageMax: Int64,
                    wageMin: Int64? = nil, benefits: [Benefit], validThrough: Day, postedAt: Date, duplicateKey: String) {
            self.id = id
            self.title = title
            self.description = description
            self.countyCode = countyCode
            self.occupationCode = occupationCode
            self.wageMax = wageMax
            self.wageMin = wageMin
            self.benefits = benefits
            self.validThrough = validThrough
            self.postedAt = postedAt
            self.duplicateKey = duplicateKey
        }

        /// The entry for an open posting.
        public init(_ posting: JobPosting) {
            self.init(id: posting.id, title: posting.title, description: posting.description, countyCode: posting.countyCode,
                      occupationCode: posting.occupationCode, wageMax: posting.wageMax, wageMin: posting.wageMin, benefits: posting.benefits,
                      validThrough: posting.validThrough, postedAt: posting.postedAt, duplicateKey: posting.duplicateKey)
        }
    }

    /// One page of results: the representative posting of each duplicate group, in order, and the group total.
    public struct Hits: Sendable, Equatable {
        /// Posting ids on the page; each stands for its duplicate group.
        public var ids: [UUID]
        /// Number of distinct jobs (duplicate groups) matching.
        public var total: Int

        /// Creates a page of results.
        public init(ids: [UUID], total: Int) {
            self.ids = ids
            self.total = total
        }
    }

    // Struct of arrays, indexed by document number (module-internal for the matcher in JobSearchIndex+Matching).
    private(set) var ids: [UUID] = []
    private(set) var live: [Bool] = []
    private(set) var county: [Int32] = []
    /// The occupation code packed into one number (`MatchScoring.Code.packed`).
    private(set) var occupationKey: [UInt32] = []
    /// Each posting's county and occupation as small ordinals into the distinct values below, so a match scan scores
    /// each distinct county and occupation once and each posting by two table look-ups.
    private(set) var countyOrdinal: [UInt32] = []
    private(set) var occupationOrdinal: [UInt32] = []
    private(set) var distinctCounties: [Int32] = []
    private(set) var distinctOccupations: [UInt32] = []
    /// The occupation code of each distinct occupation ordinal, for searches by occupation name.
    private(set) var distinctOccupationCodes: [String] = []
    /// The postings of each distinct occupation ordinal, for a word that names occupations.
    private var occupationDocs: [PostingList] = []
    private var countyOrdinals: [Int32: UInt32] = [:]
    private var occupationOrdinals: [UInt32: UInt32] = [:]
    private(set) var wage: [Int64] = []
    /// The bottom of each posting's wage range.
    private(set) var wageFloor: [Int64] = []
    private(set) var benefitMask: [UInt8] = []
    private(set) var lastDay: [Int32] = []
    private(set) var posted: [UInt32] = []
    private(set) var group: [Int32] = []
    /// Term ids by term number, and each id's title and description lists.
    private var termIDs: [UInt64: Int32] = [:]
    private var titleLists: [PostingList] = []
    private var bodyLists: [PostingList] = []
    /// Duplicate groups by a 64-bit hash of the duplicate key (the key itself is a 16-character string on the heap;
    /// two of a million keys share a hash with a chance of about one in 36 million, and would show as one job).
    private var groups: [UInt64: Int32] = [:]
    private var numberOf: [UUID: Int32] = [:]
    private var dead = 0

    /// An empty index.
    public init() {}

    /// Number of live postings.
    public var count: Int { numberOf.count }

    /// Documents numbered so far, dead ones included.
    public var numbered: Int { ids.count }

    /// The sort key keeps 25 bits for the document number; the keeper rebuilds the index before reaching it.
    public static let maxDocuments = 1 << 25

    /// Adds or replaces a posting.
    public mutating func upsert(_ entry: Entry) {
        precondition(ids.count < Self.maxDocuments, "rebuild the index before it numbers 2^25 documents")
        remove(entry.id)
        let number = Int32(ids.count)
        ids.append(entry.id)
        live.append(true)
        county.append(Int32(entry.countyCode) ?? 0)
        let occupationValue = MatchScoring.Code(entry.occupationCode)?.packed ?? 0
        occupationKey.append(occupationValue)
        let countyValue = Int32(entry.countyCode) ?? 0
        if countyOrdinals[countyValue] == nil {
            countyOrdinals[countyValue] = UInt32(distinctCounties.count)
            distinctCounties.append(countyValue)
        }
        countyOrdinal.append(countyOrdinals[countyValue]!)
        if occupationOrdinals[occupationValue] == nil {
            occupationOrdinals[occupationValue] = UInt32(distinctOccupations.count)
            distinctOccupations.append(occupationValue)
            distinctOccupationCodes.append(entry.occupationCode)
            occupationDocs.append(PostingList())
        }
        let ordinal = occupationOrdinals[occupationValue]!
        occupationOrdinal.append(ordinal)
        occupationDocs[Int(ordinal)].append(number)
        wage.append(entry.wageMax)
        wageFloor.append(entry.wageMin ?? entry.wageMax)
        benefitMask.append(Self.mask(entry.benefits))
        lastDay.append(Self.number(entry.validThrough))
        posted.append(UInt32(clamping: Int64(max(0, entry.postedAt.timeIntervalSince1970))))
        let groupKey = Self.groupHash.hash(entry.duplicateKey.utf8)
        let nextGroup = Int32(groups.count)
        group.append(groups[groupKey, default: nextGroup])
        if groups[groupKey] == nil { groups[groupKey] = nextGroup }
        JobText.forEachIndexTermKey(entry.title) { key in titleLists[Int(termID(key))].append(number) }
        JobText.forEachIndexTermKey(entry.description, singles: false) { key in bodyLists[Int(termID(key))].append(number) }
        numberOf[entry.id] = number
    }

    private static let groupHash = SipHash24(k0: 0x6475_706c_6963_6174, k1: 0x652d_6772_6f75_7073)

    /// The id of a term number, made on first sight.
    private mutating func termID(_ key: UInt64) -> Int32 {
        if let id = termIDs[key] { return id }
        let id = Int32(titleLists.count)
        termIDs[key] = id
        titleLists.append(PostingList())
        bodyLists.append(PostingList())
        return id
    }

    /// The title list of a term (a query's string), decoded.
    private func titleList(_ term: String) -> [Int32] {
        termIDs[JobText.termKey(term)].map { titleLists[Int($0)].decoded() } ?? []
    }

    /// The description list of a term, decoded.
    private func bodyList(_ term: String) -> [Int32] {
        termIDs[JobText.termKey(term)].map { bodyLists[Int($0)].decoded() } ?? []
    }

    /// Gives back the spare capacity of the lists (after a bulk build: up to half of each list's bytes).
    public mutating func shrink() {
        for id in titleLists.indices {
            titleLists[id].shrink()
            bodyLists[id].shrink()
        }
        for ordinal in occupationDocs.indices { occupationDocs[ordinal].shrink() }
    }

    /// What the index holds, for the log: distinct terms, and bytes of posting lists.
    public var footprint: (terms: Int, postingBytes: Int) {
        (termIDs.count, titleLists.reduce(0) { $0 + $1.byteCount } + bodyLists.reduce(0) { $0 + $1.byteCount })
    }

    /// Removes a posting (withdrawn, filled, expired); unknown ids are ignored.
    public mutating func remove(_ id: UUID) {
        guard let number = numberOf.removeValue(forKey: id) else { return }
        live[Int(number)] = false
        dead += 1
    }

    /// True when more than half the numbered documents are dead and a rebuild would pay.
    public var needsCompaction: Bool { dead > 1024 && dead > ids.count / 2 }

    /// Runs a query for `today` and returns the page `offset..<offset+limit`.
    ///
    /// Each word of the text (words are separated by spaces) matches a posting whose title or description contains
    /// it, or whose occupation the word names (``OccupationCatalogue/codes(matching:)``: 厨师 finds 中式烹调师 jobs);
    /// a posting must match every word. Each candidate gets one 64-bit sort key (preferred region, title matches, posting time or wage, and its
    /// number for a stable tie-break), so ordering is integer comparison; only the top of the list is sorted.
    public func search(_ query: JobQuery, today: Day, offset: Int, limit: Int) -> Hits {
        let terms = JobText.queryTerms(query.text)
        var candidates: [Int32]
        if terms.isEmpty {
            candidates = Array(0..<Int32(ids.count))
        } else {
            var lists: [[Int32]] = []
            for word in query.text.split(whereSeparator: \.isWhitespace) {
                let list = Self.union(textMatches(JobText.queryTerms(String(word))), occupationMatches(String(word)))
                if list.isEmpty { return Hits(ids: [], total: 0) }
                lists.append(list)
            }
            lists.sort { $0.count < $1.count }
            candidates = lists[0]
            for list in lists.dropFirst() { candidates = Self.intersect(candidates, list) }
        }
        let range = query.region.map(Self.codeRange)
        let benefits = Self.mask(query.benefits)
        let todayNumber = Self.number(today)
        candidates.removeAll { number in
            let index = Int(number)
            guard live[index], lastDay[index] >= todayNumber else { return true }
            if let range, !range.contains(county[index]) { return true }
            if let wageMin = query.wageMin, wageFloor[index] < wageMin { return true }
            if benefits != 0, benefitMask[index] & benefits != benefits { return true }
            if let prefix = query.occupation, !distinctOccupationCodes[Int(occupationOrdinal[index])].hasPrefix(prefix) { return true }
            return false
        }
        var titleHits = [UInt8](repeating: 0, count: query.sort == .relevance ? candidates.count : 0)
        if query.sort == .relevance {
            for term in terms { Self.mark(candidates, in: titleList(term), counts: &titleHits) }
        }
        let preferred = query.preferredRegions.map(Self.codeRange)
        var keys = [UInt64](repeating: 0, count: candidates.count)
        for (position, number) in candidates.enumerated() {
            let index = Int(number)
            let rank: UInt64 = !preferred.isEmpty && preferred.contains { $0.contains(county[index]) } ? 1 : 0
            let head: UInt64 = switch query.sort {
            case .relevance: rank << 38 | UInt64(min(titleHits[position], 63)) << 32 | UInt64(posted[index])
            case .newest: rank << 32 | UInt64(posted[index])
            case .wage: UInt64(clamping: max(0, wage[index]))
            }
            keys[position] = head << 25 | UInt64(UInt32(number) & 0x1FF_FFFF)
        }
        var seen = [Bool](repeating: false, count: groups.count)
        var total = 0
        for number in candidates where !seen[Int(group[Int(number)])] {
            seen[Int(group[Int(number)])] = true
            total += 1
        }
        let wanted = offset + limit
        var page = top(keys, count: min(keys.count, wanted * 4 + 32), offset: offset, limit: limit)
        if page.count < min(limit, max(0, total - offset)) { page = top(keys, count: keys.count, offset: offset, limit: limit) }
        return Hits(ids: page, total: total)
    }

    /// Documents whose title or description holds every term (sorted); empty for no terms.
    private func textMatches(_ terms: [String]) -> [Int32] {
        var lists: [[Int32]] = []
        for term in terms {
            let union = Self.union(titleList(term), bodyList(term))
            if union.isEmpty { return [] }
            lists.append(union)
        }
        lists.sort { $0.count < $1.count }
        guard var result = lists.first else { return [] }
        for list in lists.dropFirst() { result = Self.intersect(result, list) }
        return result
    }

    /// Documents whose occupation is one `word` names, or lies under one (sorted): the union of those occupations'
    /// lists, merged in pairs.
    private func occupationMatches(_ word: String) -> [Int32] {
        let codes = OccupationCatalogue.codes(matching: word)
        guard !codes.isEmpty else { return [] }
        var lists = distinctOccupationCodes.indices.filter { ordinal in
            codes.contains { distinctOccupationCodes[ordinal].hasPrefix($0) }
        }.map { occupationDocs[$0].decoded() }
        guard !lists.isEmpty else { return [] }
        while lists.count > 1 {
            lists = stride(from: 0, to: lists.count, by: 2).map { $0 + 1 < lists.count ? Self.union(lists[$0], lists[$0 + 1]) : lists[$0] }
        }
        return lists[0]
    }

    /// The page of distinct jobs among the `count` highest keys.
    private func top(_ keys: [UInt64], count: Int, offset: Int, limit: Int) -> [UUID] {
        let best: [UInt64]
        if count >= keys.count {
            best = keys.sorted(by: >)
        } else {
            var heap = Array(keys.prefix(count))
            Self.makeMinHeap(&heap)
            for key in keys.dropFirst(count) where key > heap[0] {
                heap[0] = key
                Self.siftDown(&heap, from: 0)
            }
            best = heap.sorted(by: >)
        }
        var seen = Set<Int32>()
        var page: [UUID] = []
        var position = 0
        for key in best {
            let number = Int(key & 0x1FF_FFFF)
            guard seen.insert(group[number]).inserted else { continue }
            if position >= offset { page.append(ids[number]) }
            position += 1
            if page.count == limit { break }
        }
        return page
    }

    static func makeMinHeap(_ heap: inout [UInt64]) {
        var index = heap.count / 2 - 1
        while index >= 0 {
            siftDown(&heap, from: index)
            index -= 1
        }
    }

    static func siftDown(_ heap: inout [UInt64], from start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var child = left
            if left + 1 < heap.count, heap[left + 1] < heap[left] { child = left + 1 }
            guard heap[child] < heap[parent] else { return }
            heap.swapAt(child, parent)
            parent = child
        }
    }

    /// Adds one to `counts[i]` for every `candidates[i]` that is in the sorted `list`.
    static func mark(_ candidates: [Int32], in list: [Int32], counts: inout [UInt8]) {
        var (i, j) = (0, 0)
        while i < candidates.count && j < list.count {
            if candidates[i] < list[j] { i += 1 } else if list[j] < candidates[i] { j += 1 } else {
                counts[i] &+= 1
                i += 1
                j += 1
            }
        }
    }

    static func mask(_ benefits: [Benefit]) -> UInt8 {
        benefits.reduce(0) { $0 | (1 << UInt8(Benefit.allCases.firstIndex(of: $1)!)) }
    }

    static func number(_ day: Day) -> Int32 { Int32(day.year * 10_000 + day.month * 100 + day.day) }

    /// The county codes (as numbers) under a region prefix: `32` → 320000..<330000, `320118` → itself.
    static func codeRange(_ prefix: String) -> Range<Int32> {
        guard let value = Int32(prefix), (1...6).contains(prefix.count) else { return 0..<0 }
        var scale: Int32 = 1
        for _ in prefix.count..<6 { scale *= 10 }
        return (value * scale)..<((value + 1) * scale)
    }

    static func union(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        var result: [Int32] = []
        result.reserveCapacity(a.count + b.count)
        var (i, j) = (0, 0)
        while i < a.count && j < b.count {
            if a[i] < b[j] { result.append(a[i]); i += 1 }
            else if b[j] < a[i] { result.append(b[j]); j += 1 }
            else { result.append(a[i]); i += 1; j += 1 }
        }
        result.append(contentsOf: a[i...])
        result.append(contentsOf: b[j...])
        return result
    }

    static func intersect(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        var result: [Int32] = []
        var (i, j) = (0, 0)
        while i < a.count && j < b.count {
            if a[i] < b[j] { i += 1 } else if b[j] < a[i] { j += 1 } else { result.append(a[i]); i += 1; j += 1 }
        }
        return result
    }
}
