import Testing

@testable import TerminalKit

@Suite("Colours and depth")
struct ColorTests {
    @Test("parses hex, names, palette indices and default")
    func parsing() {
        #expect(Color(parsing: "#ff8000") == .rgb(255, 128, 0))
        #expect(Color(parsing: "#f80") == .rgb(255, 136, 0))
        #expect(Color(parsing: "bright-blue") == .brightBlue)
        #expect(Color(parsing: "bright_red") == .brightRed)
        #expect(Color(parsing: "grey") == .brightBlack)
        #expect(Color(parsing: "208") == .indexed(208))
        #expect(Color(parsing: "default") == .terminalDefault)
        #expect(Color(parsing: "#12345") == nil)
        #expect(Color(parsing: "purple-ish") == nil)
        #expect(Color(parsing: "256") == nil)
    }

    @Test("truecolor downgrades to the nearest 256 and 16 colours")
    func downgrade() {
        #expect(Color.rgb(255, 0, 0).downgraded(to: .ansi256) == .indexed(196))
        #expect(Color.rgb(0, 0, 0).downgraded(to: .ansi256) == .indexed(16))
        #expect(Color.rgb(128, 128, 128).downgraded(to: .ansi256) == .indexed(244))
        #expect(Color.rgb(250, 10, 10).downgraded(to: .ansi16) == .brightRed)
        #expect(Color.rgb(0, 190, 0).downgraded(to: .ansi16) == .green)
        #expect(Color.indexed(196).downgraded(to: .ansi16) == .brightRed)
        #expect(Color.rgb(1, 2, 3).downgraded(to: .truecolor) == .rgb(1, 2, 3))
        #expect(Color.blue.downgraded(to: .monochrome) == .terminalDefault)
    }

    @Test("NO_COLOR wins over everything; SEAM_COLORS lowers the depth")
    func detection() {
        #expect(ColorDepth.detect(environment: ["NO_COLOR": "1"], colors: 256, directColor: true) == .monochrome)
        #expect(ColorDepth.detect(environment: ["NO_COLOR": ""], colors: 256, directColor: false) == .ansi256)
        #expect(ColorDepth.detect(environment: [:], colors: 1 << 24, directColor: false) == .truecolor)
        #expect(ColorDepth.detect(environment: [:], colors: 8, directColor: false) == .ansi16)
        #expect(ColorDepth.detect(environment: [:], colors: 0, directColor: false) == .monochrome)
        #expect(ColorDepth.detect(environment: ["SEAM_COLORS": "16"], colors: 256, directColor: false) == .ansi16)
    }
}
