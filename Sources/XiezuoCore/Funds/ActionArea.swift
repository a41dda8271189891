/// What a project is for: one of the four actions, or another area of the cooperation.
public enum ActionArea: String, Sendable, Codable, CaseIterable {
    /// 特色产业提升
    case featuredIndustry = "featured_industry"
    /// 产业集群打造 (co-built parks, enterprises moving west)
    case industrialCluster = "industrial_cluster"
    /// 消费帮扶助农增收
    case consumptionAssistance = "consumption_assistance"
    /// 劳务协作 and labour brands
    case laborCooperation = "labor_cooperation"
    case infrastructure
    case education
    case health
    case talentExchange = "talent_exchange"
    case other

    /// The four actions of the yearly agreement; their share of the funds is assessed.
    public var isFourAction: Bool {
        switch self {
        case .featuredIndustry, .industrialCluster, .consumptionAssistance, .laborCooperation: true
        default: false
        }
    }

    /// Typical categories, offered as suggestions in forms (the field is free text).
    public static let suggestedCategories = ["设备更新", "共建园区", "消费帮扶平台", "就业市场建设", "产业转型升级", "技能培训",
                                             "基础设施", "教育帮扶", "医疗帮扶", "人才交流"]
}

/// A project's place in its life cycle.
public enum ProjectStatus: String, Sendable, Codable, CaseIterable {
    /// 储备
    case reserve
    /// 立项
    case approved
    /// 实施
    case inProgress = "in_progress"
    /// 完工
    case completed
    /// 验收
    case accepted
    /// 取消
    case cancelled

    /// The statuses a project may move to from this one: one step forward, or cancelled before acceptance.
    public var next: [ProjectStatus] {
        switch self {
        case .reserve: [.approved, .cancelled]
        case .approved: [.inProgress, .cancelled]
        case .inProgress: [.completed, .cancelled]
        case .completed: [.accepted, .cancelled]
        case .accepted, .cancelled: []
        }
    }

    /// Approved and not cancelled: the project counts in the figures and may receive funds.
    public var isApproved: Bool {
        switch self {
        case .approved, .inProgress, .completed, .accepted: true
        case .reserve, .cancelled: false
        }
    }

    /// Checks a move, naming the field `status` when it is not allowed.
    public func checkMove(to target: ProjectStatus) throws(DomainError) {
        guard next.contains(target) else {
            throw .invalid("status", "illegal_transition", ["from": rawValue, "to": target.rawValue])
        }
    }
}
