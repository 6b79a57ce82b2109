#if canImport(Glibc)
import Glibc
#endif

import Basics
import TestSupport
import Testing

@Suite("seam workflows in a real terminal (tmux)", .serialized, .dedicatedThreads)
struct WorkbenchFlowEndToEndTests {
    @Test("navigates the tree, opens a file with line numbers and finds in it")
    func treeAndViewer() throws {
        let terminal = try WorkbenchTerminal()
        let tmux = terminal.tmux
        try terminal.launch()
        // The tree lists src/ first; expand it and open app.js.
        try tmux.send("Right")
        try tmux.waitFor(text: "▾ src/")
        try tmux.send("Down", "Down")
        try tmux.send("Enter")
        // The frame is written to the terminal over time: wait for its last changed rows too.
        var screen = try tmux.waitFor(text: "3 console.log(greet('seam'))")
        #expect(screen.contains("src/app.js · JavaScript"))
        #expect(screen.contains("1 import { greet } from './lib/greet.js'"))
        #expect(screen.contains("3 console.log(greet('seam'))"))
        // The tree marks the modified file (git status arrives in the background).
        screen = try tmux.waitFor("the git marker on app.js") { screen in
            screen.split(separator: "\n").contains { $0.contains("    app.js") && $0.contains("M┃") }
        }
        try tmux.send("Tab")
        try tmux.send("/")
        try tmux.waitFor(text: "Find in file")
        try tmux.type("greet")
        try tmux.send("Enter")
        screen = try tmux.waitFor(text: "/greet 3 · 3:3")
        try tmux.send(":")
        try tmux.type("3")
        try tmux.send("Enter")
        try tmux.waitFor(text: "3:3")
        try tmux.send("q")
        try tmux.waitFor("the shell") { !$0.contains("Files ·") }
    }

    @Test("finds a file with the fuzzy finder and searches contents, jumping to the match")
    func finderAndSearch() throws {
        let terminal = try WorkbenchTerminal()
        let tmux = terminal.tmux
        try terminal.launch()
        try tmux.send("C-p")
        try tmux.waitFor(text: "Find a file")
        try tmux.type("grt")
        var screen = try tmux.waitFor("the finder's five matches") { $0.contains("1/5") && $0.contains("▸ src/lib/greet.js") }
        #expect(screen.contains("▸ src/lib/greet.js"))
        try tmux.send("Enter")
        screen = try tmux.waitFor(text: "1 export function greet(name) {")
        #expect(screen.contains("src/lib/greet.js · JavaScript"))
        // The tree reveals the file (its directories load in the background).
        screen = try tmux.waitFor("the tree revealing greet.js") { $0.contains("▾ lib/") && $0.contains("      greet.js") }
        #expect(screen.contains("      greet.js"))

        try tmux.send("C-f")
        try tmux.waitFor(text: "Search contents (literal)")
        try tmux.type("greet(")
        try tmux.send("Enter")
        screen = try tmux.waitFor("both matches listed") {
            $0.contains("2 lines in 2 files") && $0.contains("src/app.js:3:") && $0.contains("src/lib/greet.js:1:")
        }
        #expect(screen.contains("src/app.js:3: console.log(greet('seam'))"))
        #expect(screen.contains("src/lib/greet.js:1: export function greet(name) {"))
        // Pick the app.js match: the viewer opens there, cursor on line 3.
        let first = try #require(screen.split(separator: "\n").first { $0.contains(":3: console.log") })
        if !first.contains("▸") { try tmux.send("Down") }
        try tmux.waitFor("app.js selected") { screen in
            screen.split(separator: "\n").contains { $0.contains("▸ src/app.js:3:") }
        }
        try tmux.send("Enter")
        screen = try tmux.waitFor(text: "src/app.js · JavaScript")
        try tmux.waitFor(text: "3:3")
        // Regex mode finds both call and definition.
        try tmux.send("C-f")
        try tmux.send("C-u")
        try tmux.type("greet\\(\\w+\\)")
        try tmux.send("M-r")
        try tmux.waitFor(text: "Search contents (regex)")
        try tmux.send("Enter")
        try tmux.waitFor(text: "1 lines in 1 files")
        try tmux.send("Escape")
        try tmux.send("q")
        try tmux.waitFor("the shell") { !$0.contains("Files ·") }
    }

    @Test("chats with the bundled engine: a streamed answer arrives, the meter moves, the conversation is saved")
    func chat() throws {
        let terminal = try WorkbenchTerminal()
        let tmux = terminal.tmux
        try terminal.launch()
        try tmux.send("M-3")
        // The context is counted by the engine once it is connected.
        var screen = try tmux.waitFor("the context meter") { $0.contains("ctx ") && !$0.contains("ctx …") && !$0.contains("ctx —") }
        let before = try #require(Self.meter(screen))
        try tmux.type("what does @src/ap")
        try tmux.waitFor(text: "src/app.js")
        try tmux.send("Tab")
        try tmux.type("do?")
        try tmux.waitFor(text: "what does @src/app.js do?")
        try tmux.send("Enter")
        screen = try tmux.waitFor(timeout: .seconds(120), "the answer to finish") { screen in
            screen.contains("deepseek-v4-tiny") && screen.contains("+ @src/app.js") && !screen.contains("answering")
                && !screen.contains("waiting for the first token")
        }
        // The answer is gibberish from random weights, but it streamed in: non-empty text below
        // the model's name.
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.lastIndex { $0.contains("┃deepseek-v4-tiny") || $0.contains("│deepseek-v4-tiny") })
        let answer = lines[header + 1]
        let chatColumn = try #require(answer.firstIndex(where: { $0 == "┃" || $0 == "│" }))
        _ = chatColumn
        #expect(answer.contains("┃  ") || answer.contains("│  "))
        let answerText = answer.split(separator: "┃").dropFirst().first.map { $0.trimmingCharacters() } ?? ""
        #expect(!answerText.isEmpty)
        // The meter counts the grown conversation; the memory pane agrees.
        screen = try tmux.waitFor("the meter to move") { (Self.meter($0) ?? 0) > before }
        let after = try #require(Self.meter(screen))
        #expect(screen.contains("conversation (2 messages)"))
        #expect(screen.contains("Sent as context  \(Self.thousands(after)) tok"))
        #expect(screen.contains("sessions"))
        // The conversation was saved under the data directory.
        let projects = terminal.sandbox.appending("data/seam/projects")
        let saved = try #require(try Subprocess.run("/bin/sh", ["-c", "ls \(projects)/*/conversations/*.json"]).output.split(separator: "\n").first)
        let json = try TestFiles.readText(String(saved))
        #expect(json.contains("what does @src\\/app.js do?") || json.contains("what does @src/app.js do?"))
        try tmux.send("Escape")
        try tmux.send("M-1")
        try tmux.send("q")
        try tmux.waitFor("the shell") { !$0.contains("Files ·") }
        // A new seam resumes the conversation.
        try terminal.launch()
        try tmux.waitFor(text: "what does @src/app.js do?")
        try tmux.send("q")
    }

    @Test("switches theme and keymap at runtime, then the vim keys work")
    func themeAndKeymap() throws {
        let terminal = try WorkbenchTerminal(width: 140, height: 40)
        let tmux = terminal.tmux
        try terminal.launch()
        let darkColours = try tmux.tmux(["capture-pane", "-p", "-e", "-t", "0"])
        try tmux.send("M-t")
        try tmux.waitFor(text: "Switch theme")
        try tmux.type("light")
        try tmux.send("Enter")
        try tmux.waitFor(text: "theme: light")
        let lightColours = try tmux.tmux(["capture-pane", "-p", "-e", "-t", "0"])
        #expect(darkColours != lightColours)
        // xterm-256color: the light background (#fbfbfa) is palette entry 231 (white).
        #expect(lightColours.contains("48;5;231"))
        #expect(!darkColours.contains("48;5;231"))

        try tmux.send("M-k")
        try tmux.waitFor(text: "Switch keymap")
        try tmux.type("vim")
        try tmux.send("Enter")
        try tmux.waitFor(text: "keymap: vim")
        // j moves down the tree; g g back to the top; ctrl-w l focuses the main view.
        try tmux.send("l")
        try tmux.waitFor(text: "▾ src/")
        try tmux.send("j", "j")
        try tmux.send("l")
        try tmux.waitFor(text: "src/app.js · JavaScript")
        try tmux.send("C-w")
        try tmux.waitFor(text: "ctrl-w — ")
        try tmux.send("h")
        try tmux.waitFor(text: " TREE ")
        try tmux.send("C-w", "l")
        try tmux.waitFor(text: " MAIN ")
        try tmux.send("F1")
        try tmux.waitFor(text: "Keymap \"vim\"")
        try tmux.send("Escape")
        // Resizing keeps the chosen theme.
        try tmux.resize(width: 100, height: 30)
        try tmux.waitFor("the resized layout") { $0.split(separator: "\n").first?.count == 100 }
        #expect(try tmux.tmux(["capture-pane", "-p", "-e", "-t", "0"]).contains("48;5;231"))
        try tmux.send("q")
        try tmux.waitFor("the shell") { !$0.contains("Files ·") }
        #expect(try !tmux.isAlternateScreenOn())
    }

    @Test("NO_COLOR draws with attributes only; SEAM_COLORS=16 keeps to the 16 ANSI colours")
    func colourDepths() throws {
        let terminal = try WorkbenchTerminal(width: 120, height: 30)
        let tmux = terminal.tmux
        try terminal.launch(environment: ["NO_COLOR": "1"])
        var parameters = Self.sgrParameters(try tmux.tmux(["capture-pane", "-p", "-e", "-t", "0"]))
        // No colour at all: no 30–37/40–47/90–97/100–107, no 38;…/48;… (39 and 49 are "default").
        #expect(parameters.allSatisfy { !Self.isColour($0) })
        // The status bar and the focused pane stay visible through attributes (reverse, bold).
        #expect(parameters.contains { $0.contains(7) })
        #expect(parameters.contains { $0.contains(1) })
        try tmux.send("q")
        try tmux.waitFor("the shell") { !$0.contains("Files ·") }

        try tmux.run("clear")
        try terminal.launch(environment: ["SEAM_COLORS": "16"])
        parameters = Self.sgrParameters(try tmux.tmux(["capture-pane", "-p", "-e", "-t", "0"]))
        #expect(parameters.allSatisfy { !$0.contains(38) && !$0.contains(48) })
        #expect(parameters.contains { $0.contains { (30...37).contains($0) || (90...97).contains($0) } })
        #expect(parameters.contains { $0.contains { (40...47).contains($0) || (100...107).contains($0) } })
        try tmux.send("q")
        try tmux.waitFor("the shell") { !$0.contains("Files ·") }
    }

    /// The parameter lists of every SGR sequence (`ESC [ … m`) in `text`.
    static func sgrParameters(_ text: String) -> [[Int]] {
        var result: [[Int]] = []
        var rest = Substring(text)
        while let start = rest.firstRange(of: "\u{1B}[") {
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(where: { !($0.isNumber || $0 == ";") }) else { break }
            if after[end] == "m" {
                result.append(after[..<end].split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 })
            }
            rest = after[end...]
        }
        return result
    }

    /// True when an SGR parameter list sets a colour.
    static func isColour(_ parameters: [Int]) -> Bool {
        parameters.contains { (30...38).contains($0) || (40...48).contains($0) || (90...97).contains($0) || (100...107).contains($0) }
    }

    /// The tokens in `ctx N/M` on the screen.
    static func meter(_ screen: String) -> Int? {
        guard let range = screen.firstRange(of: "ctx ") else { return nil }
        let digits = screen[range.upperBound...].prefix { $0.isNumber || $0 == "," }.filter(\.isNumber)
        return Int(String(digits))
    }

    static func thousands(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        String(self.drop { $0 == " " }.reversed().drop { $0 == " " || $0 == "┃" || $0 == "│" }.reversed())
    }
}
