import Foundation
import Logging
import LogOutput
import Vapor

// The cost of one request log line ("GET /jobs" with its request id, as Vapor's RouteLoggingMiddleware logs it),
// written to a file as a server's standard output is: Vapor's default console logger against the batched
// TextLogHandler + LogSink. Alternating rounds of 200,000 lines each; prints nanoseconds a line (wall clock, all
// threads: the sink's own thread is included in the process's CPU time printed too).
//   (cd Benchmarks && swift run -c release LogCost)

let lines = 200_000
let file = FileManager.default.temporaryDirectory.appendingPathComponent("logcost-\(getpid()).log").path
FileManager.default.createFile(atPath: file, contents: nil)
let saved = dup(STDOUT_FILENO)
let target = open(file, O_WRONLY | O_APPEND)

func cpuNanoseconds() -> UInt64 {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return UInt64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1_000_000_000
        + UInt64(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1_000
}

func measure(_ logger: Logger, flush: () -> Void) -> (wall: Double, cpu: Double) {
    let id = UUID().uuidString
    let cpu0 = cpuNanoseconds()
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<lines { logger.info("GET /jobs", metadata: ["request-id": .string(id)]) }
    flush()
    let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(lines)
    return (wall, Double(cpuNanoseconds() - cpu0) / Double(lines))
}

let console = Logger(label: "codes.vapor.request") { ConsoleLogger(label: $0, console: Terminal(), level: .info) }
let sink = LogSink(fileDescriptor: target)
let batched = Logger(label: "codes.vapor.request") { TextLogHandler(label: $0, sink: sink) }
var results: [String: [(Double, Double)]] = [:]
for _ in 0..<3 {
    dup2(target, STDOUT_FILENO)
    let a = measure(console) { fflush(nil) }
    let b = measure(batched) { sink.flush() }
    fflush(nil)
    dup2(saved, STDOUT_FILENO)
    results["Vapor ConsoleLogger", default: []].append(a)
    results["TextLogHandler + LogSink", default: []].append(b)
}
for (name, runs) in results.sorted(by: { $0.key < $1.key }) {
    let wall = runs.map(\.0).sorted()[1], cpu = runs.map(\.1).sorted()[1]
    print("\(name): \(Int(wall)) ns a line (wall, median of 3), \(Int(cpu)) ns of CPU")
}
unlink(file)
