import Vapor
import XiezuoCore

/// Reads a posted form's text into typed values. A value that does not read is kept as a problem on its field instead
/// of being thrown, so a form can show every field's problem at once (with the draft's own, ``errors(adding:request:renaming:)``),
/// or refuse with the first (``check()``). The job, project, agreement and employer forms and the cart read through it;
/// the register forms check their declared fields with `FormCheck`. Other forms still read a number or two by hand.
struct FormReader {
    /// The problems met so far, in reading order.
    private(set) var problems: [DomainError] = []

    /// A whole number, nil when empty.
    mutating func int(_ text: String?, field: String) -> Int? {
        read { () throws(DomainError) in try FormValue.int(text, field: field) }
    }

    /// An amount of money typed in yuan (`unitFen` 100) or 万元 (`unitFen` 1,000,000), as fen; nil when empty.
    mutating func fen(_ text: String?, unitFen: Int64, field: String) -> Int64? {
        read { () throws(DomainError) in try Formatting.fen(from: text, unitFen: unitFen, field: field) }
    }

    /// A decimal number, nil when empty.
    mutating func double(_ text: String?, field: String) -> Double? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let value = Double(text), value.isFinite else {
            problems.append(.invalid(field, "wrong_type"))
            return nil
        }
        return value
    }

    /// An id chosen in the form, nil when empty; one that is not an id is `code` on `field`.
    mutating func id(_ text: String?, field: String, code: String) -> UUID? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text) else {
            problems.append(.invalid(field, code))
            return nil
        }
        return id
    }

    /// A place typed as a code, a name or a picker label (`Request.place(_:field:levels:within:)`), nil when empty.
    mutating func place(_ text: String?, field: String, levels: Set<RegionLevel>, request: Request) -> String? {
        do {
            return try request.place(text, field: field, levels: levels)
        } catch let error as DomainError {
            problems.append(error)
        } catch {
            problems.append(.invalid(field, "place_unknown", ["name": text ?? ""]))
        }
        return nil
    }

    /// Whatever `body` reads; the ``DomainError`` it throws is kept as a problem.
    mutating func read<T>(_ body: () throws(DomainError) -> T?) -> T? {
        do {
            return try body()
        } catch {
            problems.append(error)
            return nil
        }
    }

    /// Throws the first problem, if any.
    func check() throws {
        if let problem = problems.first { throw problem }
    }

    /// Each field's first problem as the person reads it, from this reader's problems and then `more` (the draft's
    /// own checks); `renaming` gives a field the form's own label (see `Request.message(for:renaming:)`), `field`
    /// maps a problem's field to the form's (nil leaves it out).
    func errors(adding more: [DomainError] = [], request: Request, renaming: [String: String] = [:],
                field: (String) -> String? = { $0 }) -> [String: String] {
        var errors: [String: String] = [:]
        for problem in problems + more {
            guard let name = problem.field.flatMap(field), errors[name] == nil else { continue }
            errors[name] = request.message(for: problem, renaming: renaming)
        }
        return errors
    }
}
