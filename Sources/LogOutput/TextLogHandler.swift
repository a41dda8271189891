import Foundation
import Logging

/// A swift-log handler writing Vapor's text format (`[ INFO ] message [key: value, …]`) to a ``LogSink``; warnings
/// and above are written at once, the rest with the sink's next batch.
public struct TextLogHandler: LogHandler {
    public let label: String
    public let sink: LogSink
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    public init(label: String, sink: LogSink = .standardOutput, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.sink = sink
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        sink.append(Self.line(level: event.level, message: event.message, metadata: merged(event.metadata)), urgent: event.level >= .warning)
    }

    /// The handler's, the provider's and the event's metadata, the event's winning.
    private func merged(_ explicit: Logger.Metadata?) -> Logger.Metadata {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let explicit { all.merge(explicit) { _, new in new } }
        return all
    }

    /// One line: the level, the message and the metadata sorted by key.
    public static func line(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata) -> String {
        var line = "[ " + level.rawValue.uppercased() + " ] " + message.description
        if !metadata.isEmpty {
            line += " [" + metadata.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "]"
        }
        return line
    }
}
