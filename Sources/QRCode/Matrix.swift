/// The module grid while a QR code is drawn: modules by row and column, and which of them belong to function
/// patterns (finders, timing, alignment, format and version information), which data and masks leave alone.
struct Matrix {
    let version: Int
    let size: Int
    var modules: [[Bool]]
    var isFunction: [[Bool]]

    init(version: Int) {
        self.version = version
        size = 17 + 4 * version
        modules = Array(repeating: Array(repeating: false, count: size), count: size)
        isFunction = modules
    }

    mutating func set(row: Int, column: Int, _ dark: Bool) {
        modules[row][column] = dark
        isFunction[row][column] = true
    }

    mutating func drawFunctionPatterns() {
        for index in 0..<size {
            set(row: 6, column: index, index % 2 == 0)
            set(row: index, column: 6, index % 2 == 0)
        }
        drawFinder(row: 3, column: 3)
        drawFinder(row: 3, column: size - 4)
        drawFinder(row: size - 4, column: 3)
        let centres = QRCode.alignment[version - 1]
        for (i, row) in centres.enumerated() {
            for (j, column) in centres.enumerated() {
                let corner = (i == 0 && j == 0) || (i == 0 && j == centres.count - 1) || (i == centres.count - 1 && j == 0)
                if !corner { drawAlignment(row: row, column: column) }
            }
        }
        drawFormat(mask: 0)  // reserves the format areas; drawn again once the mask is chosen
        drawVersion()
    }

    /// A finder pattern with its separator, centred at `row`, `column`.
    mutating func drawFinder(row: Int, column: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let y = row + dy, x = column + dx
                guard (0..<size).contains(y), (0..<size).contains(x) else { continue }
                let distance = max(abs(dx), abs(dy))
                set(row: y, column: x, distance != 2 && distance != 4)
            }
        }
    }

    mutating func drawAlignment(row: Int, column: Int) {
        for dy in -2...2 {
            for dx in -2...2 { set(row: row + dy, column: column + dx, max(abs(dx), abs(dy)) != 1) }
        }
    }

    /// The 15 format bits (level M and `mask`, BCH-coded and masked) in both copies, and the dark module.
    mutating func drawFormat(mask: Int) {
        let data = 0 << 3 | mask  // level M's two bits are 00
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        let bits = (data << 10 | remainder) ^ 0x5412
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        for index in 0...5 { set(row: index, column: 8, bit(index)) }
        set(row: 7, column: 8, bit(6))
        set(row: 8, column: 8, bit(7))
        set(row: 8, column: 7, bit(8))
        for index in 9..<15 { set(row: 8, column: 14 - index, bit(index)) }
        for index in 0..<8 { set(row: 8, column: size - 1 - index, bit(index)) }
        for index in 8..<15 { set(row: size - 15 + index, column: 8, bit(index)) }
        set(row: size - 8, column: 8, true)
    }

    /// The 18 version bits (versions 7 and up) in both corners.
    mutating func drawVersion() {
        guard version >= 7 else { return }
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        let bits = version << 12 | remainder
        for index in 0..<18 {
            let dark = (bits >> index) & 1 == 1
            let a = size - 11 + index % 3, b = index / 3
            set(row: b, column: a, dark)
            set(row: a, column: b, dark)
        }
    }

    /// Places the codewords' bits in the zigzag order of the standard, two columns at a time from the bottom right,
    /// skipping the vertical timing column.
    mutating func drawCodewords(_ codewords: [UInt8]) {
        var index = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for vertical in 0..<size {
                for offset in 0..<2 {
                    let column = right - offset
                    let upward = (right + 1) & 2 == 0
                    let row = upward ? size - 1 - vertical : vertical
                    if !isFunction[row][column], index < codewords.count * 8 {
                        modules[row][column] = (codewords[index >> 3] >> (7 - (index & 7))) & 1 == 1
                        index += 1
                    }
                }
            }
            right -= 2
        }
    }

    /// Flips the data modules where the mask pattern says so.
    mutating func apply(mask: Int) {
        for row in 0..<size {
            for column in 0..<size where !isFunction[row][column] {
                let (x, y) = (column, row)
                let flip = switch mask {
                case 0: (x + y) % 2 == 0
                case 1: y % 2 == 0
                case 2: x % 3 == 0
                case 3: (x + y) % 3 == 0
                case 4: (x / 3 + y / 2) % 2 == 0
                case 5: x * y % 2 + x * y % 3 == 0
                case 6: (x * y % 2 + x * y % 3) % 2 == 0
                default: ((x + y) % 2 + x * y % 3) % 2 == 0
                }
                if flip { modules[row][column].toggle() }
            }
        }
    }

    /// The standard's penalty score: runs of five or more, 2 × 2 blocks, finder-like patterns, and the balance of
    /// dark and light.
    func penalty() -> Int {
        var score = 0
        func lines() -> [[Bool]] {
            var result = modules
            for column in 0..<size { result.append((0..<size).map { modules[$0][column] }) }
            return result
        }
        let finderLike: [[Bool]] = [
            [true, false, true, true, true, false, true, false, false, false, false],
            [false, false, false, false, true, false, true, true, true, false, true],
        ]
        for line in lines() {
            var run = 1
            for index in 1..<line.count {
                if line[index] == line[index - 1] {
                    run += 1
                } else {
                    if run >= 5 { score += 3 + run - 5 }
                    run = 1
                }
            }
            if run >= 5 { score += 3 + run - 5 }
            if line.count >= 11 {
                for start in 0...(line.count - 11) {
                    for pattern in finderLike where Array(line[start..<start + 11]) == pattern { score += 40 }
                }
            }
        }
        for row in 0..<size - 1 {
            for column in 0..<size - 1 {
                let colour = modules[row][column]
                if modules[row][column + 1] == colour, modules[row + 1][column] == colour, modules[row + 1][column + 1] == colour { score += 3 }
            }
        }
        let dark = modules.reduce(0) { $0 + $1.filter { $0 }.count }
        let total = size * size
        score += ((abs(dark * 20 - total * 10) + total - 1) / total - 1) * 10
        return score
    }
}
