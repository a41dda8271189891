import Foundation
import Logging

/// A log handler writing one JSON object per line to standard error, for log collectors
/// (`XIEZUO_LOG_FORMAT=json`).
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var metadata = event.metadata ?? [:]
        if let error = event.error { metadata["error"] = .string(String(describing: error)) }
        guard let data = render(level: event.level, message: event.message, metadata: metadata, source: event.source, at: Date()) else {
            return
        }
        FileHandle.standardError.write(data)
    }

    /// One log line: a JSON object with the time, level, label, message, source and every metadata value.
    func render(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
                at date: Date) -> Data? {
        var object: [String: Any] = [
            "ts": ISO8601DateFormatter().string(from: date),
            "level": level.rawValue,
            "label": label,
            "msg": message.description,
            "source": source,
        ]
        for (key, value) in metadata.merging(explicit ?? [:], uniquingKeysWith: { _, new in new }) {
            object[key] = value.description
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return nil
        }
        return data + Data("\n".utf8)
    }
}
