import Testing

@testable import TerminalKit

@Suite("Compositor layers")
struct CompositorTests {
    enum Msg: Equatable { case base(Key), popup(Key) }

    func compositor(modal: Bool) -> Compositor<Msg> {
        let screen = Rect(x: 0, y: 0, width: 10, height: 3)
        return Compositor([
            Layer(id: "base", frame: screen, render: { $0.fill(screen, style: .plain); $0.write("base base", at: .zero) }) {
                if case .key(let key) = $0 { return .base(key) }
                return nil
            },
            Layer(id: "popup", frame: Rect(x: 2, y: 0, width: 4, height: 1), isModal: modal, cursor: Point(x: 3, y: 0), render: {
                $0.write("POP", at: Point(x: 2, y: 0))
            }) {
                if case .key(let key) = $0, key == .enter { return .popup(key) }
                return nil
            },
        ])
    }

    @Test("layers render bottom-up")
    func render() {
        let buffer = self.compositor(modal: false).render(size: Size(width: 10, height: 3))
        #expect(buffer.text(row: 0) == "baPOPbase ")
    }

    @Test("events go top-down and the first consumer wins")
    func routing() {
        let plain = self.compositor(modal: false)
        #expect(plain.route(.key(.enter)) == .popup(.enter))
        #expect(plain.route(.key(.character("x"))) == .base(.character("x")))
        let modal = self.compositor(modal: true)
        #expect(modal.route(.key(.character("x"))) == nil)
        #expect(modal.cursor == Point(x: 3, y: 0))
    }
}
