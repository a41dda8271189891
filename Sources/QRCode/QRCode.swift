/// A QR code (ISO/IEC 18004) of a short text, drawn as SVG: what the second-factor enrolment shows an authenticator
/// app. Byte mode, error correction level M, versions 1 to 10 (up to 213 bytes), the mask with the lowest penalty.
///
/// Written here because none of the packages this project may depend on draws QR codes; kept to what an
/// `otpauth://` address needs. Interface: ``QRCode/init(_:)`` (nil when the text is too long), ``size``,
/// ``isDark(row:column:)`` and ``svg(moduleSize:quietZone:)``.
public struct QRCode: Sendable {
    /// The version (1–10); the symbol has 17 + 4 × version modules a side.
    public let version: Int
    /// The mask pattern applied (0–7).
    public let mask: Int
    /// Modules a side.
    public var size: Int { 17 + 4 * version }
    private let modules: [[Bool]]

    /// Data codewords and error-correction layout of level M, versions 1–10: (EC codewords a block, blocks of the
    /// first group, data codewords in each, blocks of the second group, data codewords in each).
    static let levelM: [(ec: Int, blocks1: Int, data1: Int, blocks2: Int, data2: Int)] = [
        (10, 1, 16, 0, 0), (16, 1, 28, 0, 0), (26, 1, 44, 0, 0), (18, 2, 32, 0, 0), (24, 2, 43, 0, 0),
        (16, 4, 27, 0, 0), (18, 4, 31, 0, 0), (22, 2, 38, 2, 39), (22, 3, 36, 2, 37), (26, 4, 43, 1, 44),
    ]
    /// Centres of the alignment patterns' rows and columns, versions 1–10.
    static let alignment: [[Int]] = [[], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50]]

    /// The code of `text` (its UTF-8 bytes) in the smallest version that holds it, or nil beyond version 10.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard let version = (1...10).first(where: { Self.capacity($0) >= bytes.count }) else { return nil }
        self.version = version
        let codewords = Self.codewords(bytes, version: version)
        var best: (penalty: Int, mask: Int, modules: [[Bool]])?
        for mask in 0..<8 {
            var matrix = Matrix(version: version)
            matrix.drawFunctionPatterns()
            matrix.drawCodewords(codewords)
            matrix.apply(mask: mask)
            matrix.drawFormat(mask: mask)
            let penalty = matrix.penalty()
            if best == nil || penalty < best!.penalty { best = (penalty, mask, matrix.modules) }
        }
        mask = best!.mask
        modules = best!.modules
    }

    /// Whether the module at `row`, `column` is dark.
    public func isDark(row: Int, column: Int) -> Bool { modules[row][column] }

    /// The code as an SVG image: one path of dark squares of `moduleSize` units on white, with the quiet zone the
    /// standard asks for (4 modules) around it.
    public func svg(moduleSize: Int = 4, quietZone: Int = 4) -> String {
        let side = (size + 2 * quietZone) * moduleSize
        var path = ""
        for row in 0..<size {
            for column in 0..<size where modules[row][column] {
                path += "M\((column + quietZone) * moduleSize) \((row + quietZone) * moduleSize)h\(moduleSize)v\(moduleSize)h-\(moduleSize)z"
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" width=\"\(side)\" height=\"\(side)\" "
            + "shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"\(path)\"/></svg>"
    }

    // MARK: Encoding

    /// Bytes a version holds at level M in byte mode.
    static func capacity(_ version: Int) -> Int {
        let layout = levelM[version - 1]
        let dataBits = (layout.blocks1 * layout.data1 + layout.blocks2 * layout.data2) * 8
        return (dataBits - 4 - (version < 10 ? 8 : 16)) / 8
    }

    /// The final sequence of codewords: data with padding, split into blocks, each with its Reed–Solomon codewords,
    /// interleaved.
    static func codewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        let layout = levelM[version - 1]
        let dataCount = layout.blocks1 * layout.data1 + layout.blocks2 * layout.data2
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) { for shift in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) } }
        append(0b0100, 4)
        append(bytes.count, version < 10 ? 8 : 16)
        for byte in bytes { append(Int(byte), 8) }
        append(0, min(4, dataCount * 8 - bits.count))
        append(0, (8 - bits.count % 8) % 8)
        var data: [UInt8] = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while data.count < dataCount {
            data.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        var blocks: [[UInt8]] = []
        var offset = 0
        for length in Array(repeating: layout.data1, count: layout.blocks1) + Array(repeating: layout.data2, count: layout.blocks2) {
            blocks.append(Array(data[offset..<offset + length]))
            offset += length
        }
        let divisor = ReedSolomon.divisor(degree: layout.ec)
        let corrections = blocks.map { ReedSolomon.remainder($0, divisor: divisor) }
        var result: [UInt8] = []
        for index in 0..<blocks.map(\.count).max()! {
            for block in blocks where index < block.count { result.append(block[index]) }
        }
        for index in 0..<layout.ec {
            for correction in corrections { result.append(correction[index]) }
        }
        return result
    }
}

/// Reed–Solomon error correction over GF(2^8) with the QR code's polynomial x^8 + x^4 + x^3 + x^2 + 1.
enum ReedSolomon {
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var z = 0
        for shift in stride(from: 7, through: 0, by: -1) {
            z = (z << 1) ^ ((z >> 7) * 0x11D)
            z ^= ((Int(y) >> shift) & 1) * Int(x)
        }
        return UInt8(z)
    }

    /// The generator polynomial of `degree` (its coefficients below the leading 1, highest power first).
    static func divisor(degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for index in 0..<degree {
                result[index] = multiply(result[index], root)
                if index + 1 < degree { result[index] ^= result[index + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    /// The error-correction codewords of `data`.
    static func remainder(_ data: [UInt8], divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for index in result.indices { result[index] ^= multiply(divisor[index], factor) }
        }
        return result
    }
}
