/// The columns of a training roster: a row per trainee of a programme, the worker found by ID number, and the steps
/// reached with their dates.
public enum EnrolmentImport {
    public static let columns: [ImportColumn] = [
        ImportColumn("programme", required: true, example: "中式烹调培训班"),
        ImportColumn("idNumber", required: true, example: "610126199001011234"),
        ImportColumn("name", example: "张某某"),
        ImportColumn("completedOn", .date, example: ""),
        ImportColumn("certifiedOn", .date, example: ""),
        ImportColumn("certificateNumber", example: ""),
        ImportColumn("employedOn", .date, example: ""),
        ImportColumn("droppedOn", .date, example: ""),
    ]

    /// The steps a row records, in the order they happen, with the column each comes from.
    public static let steps: [(step: EnrolmentStep, field: String)] = [
        (.completed, "completedOn"), (.certified, "certifiedOn"), (.employed, "employedOn"), (.dropped, "droppedOn"),
    ]
}
