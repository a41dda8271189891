import Foundation
import Testing
import XiezuoCore

@Suite("Who may move a county's year (PeriodRules)")
struct PeriodRuleTests {
    static func staff(_ role: Role, _ jurisdiction: String?) -> Principal {
        Principal(accountID: UUID(), name: "\(role.rawValue) \(jurisdiction ?? "-")", role: role, jurisdiction: jurisdiction)
    }

    /// Every principal of the table, by name.
    static let principals: [String: Principal] = [
        "admin": staff(.admin, nil),
        "county officer": staff(.officer, "611026"), "county coordinator": staff(.coordinator, "611026"),
        "other county": staff(.officer, "610528"),
        "city officer": staff(.officer, "6110"), "other city": staff(.officer, "6105"),
        "province officer": staff(.officer, "61"), "province coordinator": staff(.coordinator, "61"),
        "jiangsu coordinator": staff(.coordinator, "32"), "jiangsu county": staff(.officer, "320118"),
        "worker": Principal(accountID: UUID(), name: "w", role: .worker, jurisdiction: nil),
        "enterprise": Principal(accountID: UUID(), name: "e", role: .enterprise, jurisdiction: nil),
        "anonymous": .anonymous,
    ]

    /// Who may take each step on 柞水县's year from each state (the Jiangsu principals as its partner).
    static let allowed: [(PeriodAction, PeriodState, Set<String>)] = [
        (.submit, .drafting, ["admin", "county officer", "county coordinator"]),
        (.approve, .submitted, ["admin", "city officer"]),
        (.approve, .cityApproved, ["admin", "province officer", "province coordinator"]),
        (.return, .submitted, ["admin", "city officer"]),
        (.return, .cityApproved, ["admin", "province officer", "province coordinator"]),
        (.reopen, .approved, ["admin", "province coordinator"]),
        (.comment, .drafting, ["admin", "jiangsu coordinator", "jiangsu county"]),
        (.comment, .approved, ["admin", "jiangsu coordinator", "jiangsu county"]),
    ]

    @Test("each step, from each state, by each role and jurisdiction: allowed, forbidden, or the wrong state")
    func table() throws {
        for (name, principal) in Self.principals {
            let isPartner = name.hasPrefix("jiangsu")
            for action in PeriodAction.allCases {
                for state in PeriodState.allCases {
                    let rule = Self.allowed.first { $0.0 == action && $0.1 == state }
                    let stateAllows = rule != nil || action == .comment
                    let mayAct = rule?.2.contains(name) ?? (action == .comment && ["admin", "jiangsu coordinator", "jiangsu county"].contains(name))
                    do {
                        let next = try PeriodRules.next(after: state, action, by: principal, county: "611026", isPartner: isPartner)
                        #expect(stateAllows && mayAct, "\(name) \(action) from \(state) was allowed")
                        let expected: PeriodState = switch (action, state) {
                        case (.submit, _): .submitted
                        case (.approve, .submitted): .cityApproved
                        case (.approve, _): .approved
                        case (.return, _), (.reopen, _): .drafting
                        case (.comment, _): state
                        }
                        #expect(next == expected, "\(name) \(action) from \(state) led to \(next)")
                    } catch {
                        if !stateAllows {
                            #expect(error.code == "period_wrong_state", "\(name) \(action) from \(state): \(error.code)")
                        } else {
                            #expect(!mayAct && error == .forbidden, "\(name) \(action) from \(state): \(error.code)")
                        }
                    }
                }
            }
        }
    }

    @Test("the Jiangsu side comments only as the county's partner; a return, a reopen and a comment need their text")
    func partnerAndTexts() throws {
        let jiangsu = Self.staff(.coordinator, "32")
        #expect(throws: DomainError.forbidden) { try PeriodRules.next(after: .submitted, .comment, by: jiangsu, county: "611026", isPartner: false) }
        #expect(PeriodRules.available(to: jiangsu, state: .submitted, county: "611026", isPartner: true) == [.comment])
        #expect(PeriodRules.available(to: Self.staff(.officer, "6110"), state: .submitted, county: "611026", isPartner: false) == [.approve, .return])
        #expect(try PeriodRules.text("  数据与台账不符 ", for: .return) == "数据与台账不符")
        #expect(try PeriodRules.text(nil, for: .submit) == nil)
        #expect(throws: DomainError.invalid("reason", "required")) { try PeriodRules.text("  ", for: .reopen) }
        #expect(throws: DomainError.invalid("reason", "reason_too_short")) { try PeriodRules.text("错", for: .return) }
        #expect(throws: DomainError.invalid("text", "comment_too_short")) { try PeriodRules.text("好", for: .comment) }
        #expect(throws: DomainError.invalid("text", "too_long", ["max": "500"])) { try PeriodRules.text(String(repeating: "长", count: 501), for: .comment) }
        #expect(PeriodState.approved.locked && !PeriodState.cityApproved.locked)
    }

    @Test("the snapshot beside the live figures: differences only where both exist and differ")
    func differences() {
        let snapshot = [SnapshotFigure(code: "aid_committed", target: nil, actual: 100, status: .noTarget),
                        SnapshotFigure(code: "four_action_share", target: 8000, actual: nil, status: .noData)]
        let live = [IndicatorFigure(code: "aid_committed", unit: .fen, target: nil, actual: 150, progress: nil, status: .noTarget),
                    IndicatorFigure(code: "four_action_share", unit: .share, target: 8000, actual: 9000, progress: 1.1, status: .onTrack),
                    IndicatorFigure(code: "workshops", unit: .projects, target: nil, actual: 0, progress: nil, status: .noTarget)]
        let compared = FigureDifference.compare(snapshot: snapshot, live: live)
        #expect(compared.map(\.difference) == [50, nil, nil])
        #expect(compared.map(\.changed) == [true, true, true])
        #expect(FigureDifference(code: "x", submitted: 3, live: 3).changed == false)
    }
}

@Suite("Grades suggested from a snapshot (GradingRules)")
struct GradingRuleTests {
    static func figure(_ code: String, target: Int64?, met: Bool) -> SnapshotFigure {
        SnapshotFigure(code: code, target: target, actual: target.map { met ? $0 : $0 / 2 }, status: target == nil ? .noTarget : met ? .onTrack : .behind)
    }

    @Test("the share of targets met, equally weighted by default, decides the grade at 90/75/60 %")
    func standard() {
        func figures(met: Int, of total: Int) -> [SnapshotFigure] {
            (0..<total).map { Self.figure("i\($0)", target: 100, met: $0 < met) } + [Self.figure("untargeted", target: nil, met: false)]
        }
        #expect(GradingRules.standard.suggest(from: figures(met: 9, of: 10)).grade == .good)
        #expect(GradingRules.standard.suggest(from: figures(met: 8, of: 10)).grade == .fairlyGood)
        #expect(GradingRules.standard.suggest(from: figures(met: 6, of: 10)).grade == .average)
        #expect(GradingRules.standard.suggest(from: figures(met: 5, of: 10)).grade == .poor)
        let suggestion = GradingRules.standard.suggest(from: figures(met: 3, of: 4))
        #expect(suggestion.score == 7_500 && suggestion.grade == .fairlyGood)
        #expect(suggestion.reasons.filter { $0.code == "target_met" }.count == 3 && suggestion.reasons.contains(GradingRules.Reason(code: "target_missed", indicator: "i3")))
    }

    @Test("weights change the share; a four-action share below its threshold caps the grade at average; no targets is average")
    func weightsAndCap() {
        let figures = [Self.figure("aid_committed", target: 100, met: true), Self.figure("workers_placed", target: 100, met: false)]
        #expect(GradingRules(weights: ["aid_committed": 9, "workers_placed": 1]).suggest(from: figures).grade == .good)
        #expect(GradingRules(weights: ["aid_committed": 1, "workers_placed": 3]).suggest(from: figures).grade == .poor)
        let share = SnapshotFigure(code: IndicatorCatalogue.fourActionShare, target: 8_000, actual: 6_000, status: .behind)
        let capped = GradingRules.standard.suggest(from: [Self.figure("aid_committed", target: 100, met: true), share])
        #expect(capped.grade == .average && capped.reasons.first?.code == "share_below_threshold")
        let shareMet = SnapshotFigure(code: IndicatorCatalogue.fourActionShare, target: 8_000, actual: 9_000, status: .onTrack)
        #expect(GradingRules.standard.suggest(from: [Self.figure("aid_committed", target: 100, met: true), shareMet]).grade == .good)
        let none = GradingRules.standard.suggest(from: [Self.figure("aid_committed", target: nil, met: false)])
        #expect(none.grade == .average && none.score == nil && none.reasons.first?.code == "no_targets")
        // A poor grade is not raised by the cap.
        #expect(GradingRules.standard.suggest(from: [Self.figure("a", target: 100, met: false), share]).grade == .poor)
    }
}
