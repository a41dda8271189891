#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// Log lines gathered in memory and written to a file descriptor a batch at a time.
///
/// Writing each line as it comes costs a `write(2)` (and a lock of the stream) per request while the event loop
/// waits; at info level that was 6–12 % of a cached page's throughput. A sink appends the line to a buffer under a
/// lock and returns; a thread of its own writes the buffer every ``interval`` (100 ms by default), and at once when
/// it holds ``capacity`` bytes or a line is ``append(_:urgent:)``ed as urgent (warnings and errors, so they are out
/// before a crash could lose them).
///
/// Interface: `init(fileDescriptor:interval:capacity:)`, `append(_:urgent:)`, `flush()`, `close()`; `LogSink.standardOutput`
/// is the process's sink on standard output. Lines keep their order; a line is never split between writes.
public final class LogSink: @unchecked Sendable {
    /// The process's sink on standard output (started on first use).
    public static let standardOutput = LogSink(fileDescriptor: STDOUT_FILENO)

    public let fileDescriptor: Int32
    /// How long a line may wait in the buffer.
    public let interval: Double
    /// Bytes after which the buffer is written at once.
    public let capacity: Int

    private struct State {
        var buffer: [UInt8] = []
        var closed = false
    }
    private let state: Mutex<State>
    /// Serialises the writes themselves, so batches reach the descriptor in order.
    private let writing = Mutex(())
    private let wake = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)

    public init(fileDescriptor: Int32, interval: Double = 0.1, capacity: Int = 64 << 10) {
        self.fileDescriptor = fileDescriptor
        self.interval = interval
        self.capacity = capacity
        state = Mutex(State())
        let thread = Thread { [self] in run() }
        thread.name = "log-sink"
        thread.start()
    }

    /// Adds a line (a newline is added); writes the buffer at once when full or when `urgent`.
    public func append(_ line: String, urgent: Bool = false) {
        let full = state.withLock { state -> Bool in
            state.buffer.append(contentsOf: line.utf8)
            state.buffer.append(0x0A)
            return state.buffer.count >= capacity || state.closed
        }
        if urgent || full { flush() }
    }

    /// Writes everything appended so far before it returns.
    public func flush() {
        writing.withLock { _ in
            let bytes = state.withLock { state -> [UInt8] in
                defer { state.buffer.removeAll(keepingCapacity: true) }
                return state.buffer
            }
            write(bytes)
        }
    }

    /// Writes what is left and stops the sink's thread; later lines are written at once.
    public func close() {
        let wasOpen = state.withLock { state -> Bool in
            defer { state.closed = true }
            return !state.closed
        }
        guard wasOpen else { return flush() }
        wake.signal()
        stopped.wait()
        flush()
    }

    private func run() {
        while true {
            _ = wake.wait(timeout: .now() + interval)
            flush()
            if state.withLock({ $0.closed }) { break }
        }
        stopped.signal()
    }

    private func write(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                #if canImport(Glibc)
                Glibc.write(fileDescriptor, raw.baseAddress! + offset, raw.count - offset)
                #else
                Darwin.write(fileDescriptor, raw.baseAddress! + offset, raw.count - offset)
                #endif
            }
            if written < 0 {
                if errno == EINTR { continue }
                return  // Nowhere to report a log that cannot be written.
            }
            offset += written
        }
    }
}
