import Foundation
import Testing
@testable import QRCode

@Suite("QR codes")
struct QRCodeTests {
    static let otpauth = "otpauth://totp/Xiezuo:shaanxi-coordinator?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Xiezuo&algorithm=SHA1&digits=6&period=30"

    @Test("the smallest version that holds the text is chosen; beyond version 10 there is none")
    func versions() {
        #expect(QRCode("HELLO")?.version == 1)
        #expect(QRCode(String(repeating: "a", count: 14))?.version == 1)
        #expect(QRCode(String(repeating: "a", count: 15))?.version == 2)
        #expect(QRCode(Self.otpauth)?.version == 8)
        #expect(QRCode(String(repeating: "a", count: 213))?.version == 10)
        #expect(QRCode(String(repeating: "a", count: 214)) == nil)
    }

    @Test("Reed–Solomon: the generator of degree 7 is the standard's, and every codeword evaluates to zero at its roots")
    func reedSolomon() {
        // ISO/IEC 18004 Annex A: g(x) for 7 EC codewords = x^7 + α^87x^6 + α^229x^5 + α^146x^4 + α^149x^3 + α^238x^2 + α^102x + α^21.
        var alpha: [UInt8] = [1]
        for _ in 1..<255 { alpha.append(ReedSolomon.multiply(alpha.last!, 2)) }
        #expect(ReedSolomon.divisor(degree: 7) == [87, 229, 146, 149, 238, 102, 21].map { alpha[$0] })
        // The standard's 1-M example "01234567" has data codewords 10 20 0C 56 61 80 EC 11 EC 11 EC 11 EC 11 EC 11 and
        // these error-correction codewords.
        let data: [UInt8] = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
        #expect(ReedSolomon.remainder(data, divisor: ReedSolomon.divisor(degree: 10))
                == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
        for degree in [10, 16, 18, 22, 24, 26] {
            let block = (0..<40).map { UInt8(($0 * 37 + degree) % 256) }
            let codeword = block + ReedSolomon.remainder(block, divisor: ReedSolomon.divisor(degree: degree))
            for root in 0..<degree {
                let value = codeword.reduce(UInt8(0)) { ReedSolomon.multiply($0, alpha[root]) ^ $1 }
                #expect(value == 0, "degree \(degree), root α^\(root)")
            }
        }
    }

    @Test("reading the modules back (unmask, zigzag, de-interleave) gives the text, for every version")
    func readBack() throws {
        for length in [5, 20, 40, 60, 80, 100, 120, 150, 180, 213] {
            let text = String((0..<length).map { Character(UnicodeScalar(UInt8(33 + ($0 * 7) % 90))) })
            let code = try #require(QRCode(text))
            #expect(try Self.decode(code) == text, "version \(code.version)")
        }
    }

    @Test("a scanner reads the SVG: zbarimg decodes an enrolment address and texts of versions 1, 3, 7 and 10",
          .enabled(if: Self.toolsPresent), arguments: [Self.otpauth, "HELLO", String(repeating: "协作", count: 10),
                                                       String(repeating: "x", count: 120), String(repeating: "z", count: 213)])
    func scanner(text: String) throws {
        let code = try #require(QRCode(text))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let svg = directory.appendingPathComponent("code.svg"), png = directory.appendingPathComponent("code.png")
        try code.svg(moduleSize: 6).write(to: svg, atomically: true, encoding: .utf8)
        #expect(try Self.run("/usr/bin/rsvg-convert", ["-o", png.path, svg.path]).status == 0)
        let result = try Self.run("/usr/bin/zbarimg", ["--raw", "-q", png.path])
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == text, "version \(code.version)")
    }

    static var toolsPresent: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/zbarimg") && FileManager.default.isExecutableFile(atPath: "/usr/bin/rsvg-convert")
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Reads a code back as a scanner's last steps would: rebuild the function-pattern map, unmask, read the zigzag,
    /// de-interleave the blocks, check each block's error correction, and parse the byte-mode segment.
    static func decode(_ code: QRCode) throws -> String {
        var map = Matrix(version: code.version)
        map.drawFunctionPatterns()
        var grid = map
        for row in 0..<code.size { for column in 0..<code.size { grid.modules[row][column] = code.isDark(row: row, column: column) } }
        grid.apply(mask: code.mask)
        var bits: [Bool] = []
        var right = code.size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for vertical in 0..<code.size {
                for offset in 0..<2 {
                    let column = right - offset
                    let row = (right + 1) & 2 == 0 ? code.size - 1 - vertical : vertical
                    if !map.isFunction[row][column] { bits.append(grid.modules[row][column]) }
                }
            }
            right -= 2
        }
        let layout = QRCode.levelM[code.version - 1]
        let lengths = Array(repeating: layout.data1, count: layout.blocks1) + Array(repeating: layout.data2, count: layout.blocks2)
        let total = lengths.reduce(0, +) + layout.ec * lengths.count
        var codewords: [UInt8] = []
        for index in 0..<total {
            var byte: UInt8 = 0
            for bit in bits[index * 8..<index * 8 + 8] { byte = byte << 1 | (bit ? 1 : 0) }
            codewords.append(byte)
        }
        var blocks = lengths.map { _ in [UInt8]() }
        var position = 0
        for index in 0..<lengths.max()! { for block in blocks.indices where index < lengths[block] { blocks[block].append(codewords[position]); position += 1 } }
        var corrections = lengths.map { _ in [UInt8]() }
        for _ in 0..<layout.ec { for block in blocks.indices { corrections[block].append(codewords[position]); position += 1 } }
        for (block, correction) in zip(blocks, corrections) {
            #expect(ReedSolomon.remainder(block, divisor: ReedSolomon.divisor(degree: layout.ec)) == correction)
        }
        let data = blocks.flatMap { $0 }
        var stream: [Bool] = []
        for byte in data { for shift in 0..<8 { stream.append((byte >> (7 - shift)) & 1 == 1) } }
        var cursor = 0
        func read(_ count: Int) -> Int {
            var value = 0
            for _ in 0..<count {
                value = value << 1 | (stream[cursor] ? 1 : 0)
                cursor += 1
            }
            return value
        }
        #expect(read(4) == 0b0100)
        let length = read(code.version < 10 ? 8 : 16)
        return String(decoding: (0..<length).map { _ in UInt8(read(8)) }, as: UTF8.self)
    }
}
