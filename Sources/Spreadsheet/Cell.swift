import Foundation

/// One cell of a row written by ``WorkbookWriter``: the value and how it is shown.
public enum Cell: Sendable, Equatable {
    /// Nothing in the cell.
    case empty
    /// Text, stored as an inline string (never read as a formula).
    case text(String)
    /// A whole number, shown without decimals.
    case integer(Int64)
    /// A number shown as it is.
    case number(Double)
    /// Money held in 分, written in 元 (the value ÷ 100) with two decimals and a thousands separator.
    case yuan(fen: Int64)
    /// A share, written as a fraction (0.25) and shown as a percentage (25.0%).
    case percent(Double)
    /// A calendar day, written as a spreadsheet date serial and shown as yyyy-mm-dd.
    case date(year: Int, month: Int, day: Int)
    /// A moment, written as a date-time serial in the time zone given and shown as yyyy-mm-dd hh:mm.
    case dateTime(Date, TimeZone)

    /// The style index of the cell in the workbook's fixed style sheet (``Styles``).
    var style: Int {
        switch self {
        case .empty, .text: return 0
        case .integer: return Styles.integer
        case .number: return 0
        case .yuan: return Styles.money
        case .percent: return Styles.percent
        case .date: return Styles.date
        case .dateTime: return Styles.dateTime
        }
    }

    /// About how many character widths the cell needs (a Chinese character counts two).
    var displayWidth: Int {
        switch self {
        case .empty: return 0
        case .text(let text): return Self.width(of: text.split(separator: "\n").map(String.init).max(by: { Self.width(of: $0) < Self.width(of: $1) }) ?? "")
        case .integer(let value): return String(value).count + String(value).count / 3
        case .number(let value): return min(15, String(value).count)
        case .yuan(let fen): return String(fen / 100).count + String(fen / 100).count / 3 + 3
        case .percent: return 7
        case .date: return 10
        case .dateTime: return 16
        }
    }

    /// Display width of `text`: East Asian wide characters count two.
    static func width(of text: String) -> Int {
        text.unicodeScalars.reduce(0) { sum, scalar in
            let v = scalar.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return sum + (wide ? 2 : 1)
        }
    }
}

/// The serial numbers spreadsheets use for days: days since 1899-12-30 (so 1900-03-01 is 61).
enum Serial {
    static func days(year: Int, month: Int, day: Int) -> Int {
        // Days from civil (Howard Hinnant's algorithm), relative to 1970-01-01, then shifted to 1899-12-30.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468 + 25_569
    }

    /// The civil day of a serial (its whole part).
    static func civil(_ serial: Int) -> (year: Int, month: Int, day: Int) {
        let z = serial - 25_569 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func dateTime(_ date: Date, in zone: TimeZone) -> Double {
        let seconds = date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))
        return seconds / 86_400 + 25_569
    }
}

/// The fixed style sheet every workbook carries; cells name a style by its index.
enum Styles {
    static let header = 1
    static let money = 2
    static let date = 3
    static let dateTime = 4
    static let integer = 5
    static let percent = 6
    static let wrapped = 7

    static let xml = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
    <numFmts count="3"><numFmt numFmtId="164" formatCode="#,##0.00"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/>\
    <numFmt numFmtId="166" formatCode="yyyy-mm-dd hh:mm"/></numFmts>\
    <fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>\
    <font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>\
    <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
    <fill><patternFill patternType="solid"><fgColor rgb="FFEFF3F8"/><bgColor indexed="64"/></patternFill></fill></fills>\
    <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
    <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
    <cellXfs count="8"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
    <xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>\
    <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
    <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
    <xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
    <xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
    <xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
    <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>\
    </cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
    """
}

enum XML {
    /// `text` escaped for an element or a double-quoted attribute; characters XML 1.0 cannot carry are dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                let v = scalar.value
                if v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D { continue }
                if v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA.
    static func column(_ index: Int) -> String {
        var n = index + 1
        var letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    /// The 0-based column index of a cell reference such as `AB12`, or nil.
    static func columnIndex(ofReference reference: Substring) -> Int? {
        var n = 0
        var sawLetter = false
        for char in reference.utf8 {
            if char >= 65 && char <= 90 { n = n * 26 + Int(char - 64); sawLetter = true }
            else if char >= 97 && char <= 122 { n = n * 26 + Int(char - 96); sawLetter = true }
            else { break }
        }
        return sawLetter ? n - 1 : nil
    }
}
