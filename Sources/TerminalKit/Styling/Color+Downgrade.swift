extension Color {
    /// The nearest colour a terminal of `depth` can show: truecolor → xterm-256 cube or grey ramp
    /// → the 16 ANSI colours; monochrome drops colour entirely.
    package func downgraded(to depth: ColorDepth) -> Color {
        switch (self, depth) {
        case (.terminalDefault, _):
            return self
        case (_, .monochrome):
            return .terminalDefault
        case (_, .truecolor):
            return self
        case (.rgb(let red, let green, let blue), .ansi256):
            return .indexed(Self.nearestIndexed(red, green, blue))
        case (.rgb(let red, let green, let blue), .ansi16):
            return .ansi(Self.nearestANSI(red, green, blue))
        case (.indexed(let index), .ansi16):
            if index < 16 { return .ansi(index) }
            let (red, green, blue) = Self.rgbOfIndexed(index)
            return .ansi(Self.nearestANSI(red, green, blue))
        case (.indexed, .ansi256), (.ansi, _):
            return self
        }
    }

    /// The RGB value of a palette entry as xterm defines it (the 16 ANSI entries use xterm's
    /// defaults; terminals may differ, which is why they are never remapped).
    package static func rgbOfIndexed(_ index: UInt8) -> (UInt8, UInt8, UInt8) {
        let value = Int(index)
        if value < 16 { return Self.ansiRGB[value] }
        if value >= 232 {
            let level = UInt8(8 + (value - 232) * 10)
            return (level, level, level)
        }
        let cube = value - 16
        return (Self.cubeLevels[cube / 36], Self.cubeLevels[(cube / 6) % 6], Self.cubeLevels[cube % 6])
    }

    /// The 6 intensity levels of xterm's 6×6×6 colour cube.
    private static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    /// xterm's default RGB for ANSI colours 0–15.
    private static let ansiRGB: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
        (255, 255, 255),
    ]

    /// The closest of the cube (16–231) and grey ramp (232–255) entries, by squared RGB distance.
    static func nearestIndexed(_ red: UInt8, _ green: UInt8, _ blue: UInt8) -> UInt8 {
        func cubeIndex(_ component: UInt8) -> Int {
            let value = Int(component)
            if value < 48 { return 0 }
            if value < 115 { return 1 }
            return (value - 35) / 40
        }
        let (r, g, b) = (cubeIndex(red), cubeIndex(green), cubeIndex(blue))
        let cubeColor = (Self.cubeLevels[r], Self.cubeLevels[g], Self.cubeLevels[b])
        let average = (Int(red) + Int(green) + Int(blue)) / 3
        let greyStep = average > 238 ? 23 : max(0, (average - 3) / 10)
        let greyLevel = UInt8(8 + greyStep * 10)
        let cubeDistance = Self.distance((red, green, blue), cubeColor)
        let greyDistance = Self.distance((red, green, blue), (greyLevel, greyLevel, greyLevel))
        if greyDistance < cubeDistance { return UInt8(232 + greyStep) }
        return UInt8(16 + 36 * r + 6 * g + b)
    }

    /// The closest ANSI colour by squared RGB distance to xterm's defaults.
    static func nearestANSI(_ red: UInt8, _ green: UInt8, _ blue: UInt8) -> UInt8 {
        var best = 0
        var bestDistance = Int.max
        for (index, candidate) in Self.ansiRGB.enumerated() {
            let distance = Self.distance((red, green, blue), candidate)
            if distance < bestDistance {
                best = index
                bestDistance = distance
            }
        }
        return UInt8(best)
    }

    private static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let red = Int(a.0) - Int(b.0)
        let green = Int(a.1) - Int(b.1)
        let blue = Int(a.2) - Int(b.2)
        // Weighted towards green, as the eye is (a cheap approximation of perceptual distance).
        return 2 * red * red + 4 * green * green + 3 * blue * blue
    }
}
