#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging
import LogOutput
import Testing

@Suite("Log lines written in batches")
struct LogSinkTests {
    /// A pipe whose reading end does not block: what the sink has written so far.
    final class Pipe {
        let read: Int32
        let write: Int32
        init() {
            var fds: [Int32] = [0, 0]
            precondition(pipe(&fds) == 0)
            read = fds[0]
            write = fds[1]
            _ = fcntl(read, F_SETFL, fcntl(read, F_GETFL) | O_NONBLOCK)
        }
        deinit {
            close(read)
            close(write)
        }
        func written() -> String {
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = chunk.withUnsafeMutableBytes { Glibc.read(read, $0.baseAddress!, $0.count) }
                if count <= 0 { break }
                bytes += chunk[0..<count]
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    @Test("lines wait for the batch; flush, an urgent line or a full buffer write them, in order and whole")
    func batches() {
        let pipe = Pipe()
        let sink = LogSink(fileDescriptor: pipe.write, interval: 3_600, capacity: 64)
        sink.append("one")
        sink.append("two")
        #expect(pipe.written() == "")
        sink.flush()
        #expect(pipe.written() == "one\ntwo\n")
        sink.append("three")
        sink.append("a warning", urgent: true)
        #expect(pipe.written() == "three\na warning\n")
        // Past the capacity the buffer goes out at once.
        sink.append(String(repeating: "x", count: 70))
        #expect(pipe.written() == String(repeating: "x", count: 70) + "\n")
        sink.append("last")
        sink.close()
        #expect(pipe.written() == "last\n")
        // After close, lines are written as they come.
        sink.append("after")
        #expect(pipe.written() == "after\n")
    }

    @Test("the sink's thread writes a waiting line within its interval")
    func interval() async throws {
        let pipe = Pipe()
        let sink = LogSink(fileDescriptor: pipe.write, interval: 0.01)
        sink.append("soon")
        // Waits for the sink's own thread (not for time to pass in the code under test): at most a second.
        var seen = ""
        for _ in 0..<100 where seen.isEmpty {
            try await Task.sleep(for: .milliseconds(10))
            seen = pipe.written()
        }
        #expect(seen == "soon\n")
        sink.close()
    }

    @Test("lines from many threads at once arrive whole, each once")
    func concurrent() async {
        let pipe = Pipe()
        let sink = LogSink(fileDescriptor: pipe.write, interval: 3_600, capacity: 1_024)
        var collected = ""
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask { for line in 0..<200 { sink.append("writer \(writer) line \(line)") } }
            }
        }
        sink.flush()
        collected += pipe.written()
        let lines = collected.split(separator: "\n").map(String.init)
        #expect(lines.count == 1_600)
        #expect(Set(lines).count == 1_600)
        #expect(lines.allSatisfy { $0.range(of: #"^writer \d line \d+$"#, options: .regularExpression) != nil })
        sink.close()
    }

    @Test("the text handler writes Vapor's format with sorted metadata; warnings go out at once")
    func handler() {
        let pipe = Pipe()
        let sink = LogSink(fileDescriptor: pipe.write, interval: 3_600)
        var logger = Logger(label: "test") { TextLogHandler(label: $0, sink: sink) }
        logger[metadataKey: "request-id"] = "abc"
        logger.info("GET /jobs", metadata: ["status": "200"])
        #expect(pipe.written() == "")
        logger.warning("slow")
        #expect(pipe.written() == "[ INFO ] GET /jobs [request-id: abc, status: 200]\n[ WARNING ] slow [request-id: abc]\n")
        logger.debug("hidden")
        sink.flush()
        #expect(pipe.written() == "")
        sink.close()
    }
}
