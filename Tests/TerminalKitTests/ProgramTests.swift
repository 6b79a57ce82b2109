import Testing

@testable import TerminalKit

@Suite("The Elm-style program loop")
@MainActor
struct ProgramTests {
    struct Counter { var count = 0; var quit = false }
    enum Msg { case increment, quit }

    func makeProgram(_ backend: TestBackend) -> Program<Counter, Msg, Never> {
        let program = Program<Counter, Msg, Never>(
            state: Counter(), backend: backend,
            update: { state, msg in
                switch msg {
                case .increment: state.count += 1
                case .quit: state.quit = true
                }
                return []
            },
            view: { state, size in
                Compositor([
                    Layer(id: "base", frame: Rect(size: size), render: { $0.write("count \(state.count)", at: .zero) }) { event in
                        switch event {
                        case .key(.character("+")): .increment
                        case .key(.character("q")): .quit
                        default: nil
                        }
                    }
                ])
            },
            perform: { _, _ in })
        program.shouldQuit = { $0.quit }
        return program
    }

    @Test("keys become messages, the state changes and only changed cells are redrawn")
    func loop() {
        let backend = TestBackend(size: Size(width: 20, height: 2))
        let program = self.makeProgram(backend)
        program.renderNow()
        #expect(backend.line(0).hasPrefix("count 0"))
        #expect(backend.cellsDrawnInLastFrame == 40)
        program.handle(.key(.character("+")))
        program.handle(.key(.character("+")))
        #expect(program.state.count == 2)
        program.renderNow()
        #expect(backend.line(0).hasPrefix("count 2"))
        #expect(backend.cellsDrawnInLastFrame == 1)
        #expect(program.renderNow() == nil)
    }

    @Test("a resize redraws everything at the new size")
    func resize() {
        let backend = TestBackend(size: Size(width: 10, height: 1))
        let program = self.makeProgram(backend)
        program.renderNow()
        backend.resize(to: Size(width: 12, height: 2))
        program.handle(.resize(Size(width: 12, height: 2)))
        program.renderNow()
        #expect(backend.cellsDrawnInLastFrame == 24)
        #expect(backend.line(0) == "count 0     ")
    }

    @Test("quitting stops handling events and calls onQuit once")
    func quit() {
        let backend = TestBackend(size: Size(width: 10, height: 1))
        let program = self.makeProgram(backend)
        var quits = 0
        program.onQuit = { quits += 1 }
        program.handle(.key(.character("q")))
        program.handle(.key(.character("q")))
        program.handle(.key(.character("+")))
        #expect(quits == 1)
        #expect(program.state.count == 0)
    }
}
