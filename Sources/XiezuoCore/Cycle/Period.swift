import Foundation

/// Where a Shaanxi county's data for one year stands in the yearly cycle (填报 → 提交 → 市级审核 → 省级审定).
///
/// A county's year starts as `drafting`; once the province has approved it, it is locked: no write dated in that
/// year may change the county's figures until a coordinator reopens it.
public enum PeriodState: String, Sendable, Codable, CaseIterable {
    /// 填报中: the county records its figures.
    case drafting
    /// 已提交: the county has submitted; its city reviews.
    case submitted
    /// 市级审核通过: the city has approved; the province reviews.
    case cityApproved = "city_approved"
    /// 省级审定: the province has approved; the year is locked.
    case approved

    /// True when writes that change the county's figures of the year are refused.
    public var locked: Bool { self == .approved }
}

/// What can be done to a county's year.
public enum PeriodAction: String, Sendable, Codable, CaseIterable {
    /// The county submits its figures (a snapshot is taken).
    case submit
    /// The city (after submission) or the province (after the city) approves.
    case approve
    /// The reviewing level sends it back to the county, with a reason.
    case `return`
    /// A provincial coordinator reopens a locked year, with a reason.
    case reopen
    /// The Jiangsu partner of the county comments, at any step.
    case comment

    /// True when the action needs a text (a reason or a comment).
    public var needsText: Bool { self != .submit && self != .approve }
}

/// One indicator of a county's year as it stood when the county submitted.
public struct SnapshotFigure: Sendable, Codable, Equatable {
    public var code: String
    public var target: Int64?
    /// The actual value; nil for "no data" (a share without funds).
    public var actual: Int64?
    public var status: FigureStatus

    public init(code: String, target: Int64?, actual: Int64?, status: FigureStatus) {
        self.code = code
        self.target = target
        self.actual = actual
        self.status = status
    }

    /// The snapshot figure of a dashboard figure.
    public init(_ figure: IndicatorFigure) {
        self.init(code: figure.code, target: figure.target, actual: figure.actual, status: figure.status)
    }
}

/// A county's year: its state and, once submitted, the figures it submitted.
public struct Period: Sendable, Codable, Equatable {
    public var year: Int
    public var countyCode: String
    public var state: PeriodState
    /// When the snapshot was taken (the last submission), if ever.
    public var snapshotAt: Date?
    /// The figures as submitted, in catalogue order; empty before the first submission.
    public var snapshot: [SnapshotFigure]
    /// When the state last changed; nil for a year nobody has acted on.
    public var updatedAt: Date?

    public init(year: Int, countyCode: String, state: PeriodState = .drafting, snapshotAt: Date? = nil,
                snapshot: [SnapshotFigure] = [], updatedAt: Date? = nil) {
        self.year = year
        self.countyCode = countyCode
        self.state = state
        self.snapshotAt = snapshotAt
        self.snapshot = snapshot
        self.updatedAt = updatedAt
    }

    /// True when writes that change the county's figures of the year are refused.
    public var locked: Bool { state.locked }
}

/// One step in a county's year: a transition or a comment, who took it and why.
public struct PeriodEvent: Sendable, Codable, Equatable {
    public var id: UUID
    public var action: PeriodAction
    public var from: PeriodState
    public var to: PeriodState
    /// The reason (return, reopen) or the comment.
    public var text: String?
    /// The display name of who acted, and the region they acted for.
    public var actor: String
    public var actorRegion: String?
    public var at: Date

    public init(id: UUID, action: PeriodAction, from: PeriodState, to: PeriodState, text: String?, actor: String,
                actorRegion: String?, at: Date) {
        self.id = id
        self.action = action
        self.from = from
        self.to = to
        self.text = text
        self.actor = actor
        self.actorRegion = actorRegion
        self.at = at
    }
}

/// A snapshot figure beside the live one.
public struct FigureDifference: Sendable, Codable, Equatable {
    public var code: String
    public var submitted: Int64?
    public var live: Int64?
    /// live − submitted, when both exist and differ.
    public var difference: Int64?

    public init(code: String, submitted: Int64?, live: Int64?) {
        self.code = code
        self.submitted = submitted
        self.live = live
        if let submitted, let live, submitted != live { difference = live - submitted } else { difference = nil }
    }

    /// True when the live figure is not what was submitted.
    public var changed: Bool { submitted != live }

    /// Each indicator of the snapshot beside the live figure of the same code (catalogue order of `live`).
    public static func compare(snapshot: [SnapshotFigure], live: [IndicatorFigure]) -> [FigureDifference] {
        let submitted = Dictionary(snapshot.map { ($0.code, $0.actual) }, uniquingKeysWith: { first, _ in first })
        return live.map { FigureDifference(code: $0.code, submitted: submitted[$0.code] ?? nil, live: $0.actual) }
    }
}
