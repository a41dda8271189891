import Foundation
import Testing
@testable import XiezuoCore

@Suite("Time-ordered identifiers")
struct TimeOrderedIDTests {
    @Test("a batch ascends as text and as bytes, with version 7 and the RFC variant")
    func batchAscends() {
        let ids = UUID.timeOrdered(50_000)
        #expect(Set(ids).count == ids.count)
        #expect(ids.map(\.uuidString) == ids.map(\.uuidString).sorted())
        #expect(ids.map { $0.uuidString.lowercased() } == ids.map { $0.uuidString.lowercased() }.sorted())
        for id in ids.prefix(100) {
            #expect(id.uuid.6 >> 4 == 7)
            #expect(id.uuid.8 >> 6 == 0b10)
        }
    }

    @Test("the first 48 bits are the creation time in milliseconds; a later time sorts after")
    func timePrefix() {
        let early = Date(timeIntervalSince1970: 1_764_000_000.123)
        let late = early.addingTimeInterval(0.001)
        let first = UUID.timeOrdered(at: early)
        #expect(first.uuidString.hasPrefix("019AB697-E87B-7"), "\(first)")
        #expect(abs(first.timeOrderedDate!.timeIntervalSince(early)) < 0.001)
        for _ in 0..<200 {
            #expect(UUID.timeOrdered(at: early).uuidString < UUID.timeOrdered(at: late).uuidString)
        }
        #expect(UUID().timeOrderedDate == nil)
    }
}
