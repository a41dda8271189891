/// One choice of a `<select>`, a set of checkboxes or a filter, as the templates read it.
struct ChoiceOption: Encodable {
    var value: String
    var label: String
    var selected: Bool
}
