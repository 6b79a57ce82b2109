import Testing

@testable import TerminalKit

@Suite("Split layouts")
struct SplitLayoutTests {
    let layout = SplitLayout(
        root: .split(
            .horizontal,
            [
                LayoutChild(.pane("tree"), weight: 1, minimum: 10),
                LayoutChild(.pane("main"), weight: 2, minimum: 20),
                LayoutChild(
                    .split(.vertical, [LayoutChild(.pane("chat"), weight: 2), LayoutChild(.pane("memory"), weight: 1)]),
                    weight: 1, minimum: 10),
            ]))

    @Test("frames tile the area exactly by weight")
    func frames() {
        let frames = self.layout.frames(in: Rect(x: 0, y: 0, width: 100, height: 30))
        #expect(frames["tree"] == Rect(x: 0, y: 0, width: 25, height: 30))
        #expect(frames["main"] == Rect(x: 25, y: 0, width: 50, height: 30))
        #expect(frames["chat"] == Rect(x: 75, y: 0, width: 25, height: 20))
        #expect(frames["memory"] == Rect(x: 75, y: 20, width: 25, height: 10))
        let odd = self.layout.frames(in: Rect(x: 0, y: 0, width: 81, height: 23))
        #expect(odd.values.map(\.width).reduce(0, +) - odd["memory"]!.width == 81)  // safe: test layout has memory
    }

    @Test("minimums hold on narrow screens")
    func minimums() {
        let frames = self.layout.frames(in: Rect(x: 0, y: 0, width: 44, height: 10))
        #expect(frames["tree"]!.width >= 10)  // safe: test layout
        #expect(frames["main"]!.width >= 20)  // safe: test layout
        #expect(frames["chat"]!.width >= 10)  // safe: test layout
        #expect(frames.values.filter { $0.y == 0 }.map(\.width).reduce(0, +) == 44)
    }

    @Test("resizing moves the nearest boundary and keeps proportions afterwards")
    func resize() {
        var layout = self.layout
        let area = Rect(x: 0, y: 0, width: 100, height: 30)
        let grewTree = layout.resize("tree", along: .horizontal, by: 5, in: area)
        #expect(grewTree)
        var frames = layout.frames(in: area)
        #expect(frames["tree"]?.width == 30)
        #expect(frames["main"]?.width == 45)
        let grewMemory = layout.resize("memory", along: .vertical, by: 4, in: area)
        #expect(grewMemory)
        frames = layout.frames(in: area)
        #expect(frames["memory"]?.height == 14)
        #expect(frames["chat"]?.height == 16)
        let verticalTree = layout.resize("tree", along: .vertical, by: 2, in: area)
        #expect(!verticalTree)
        let doubled = layout.frames(in: Rect(x: 0, y: 0, width: 200, height: 30))
        #expect(doubled["tree"]?.width == 60)
        let shrankMain = layout.resize("main", along: .horizontal, by: -100, in: area)
        #expect(shrankMain)
        #expect(layout.frames(in: area)["main"]?.width == 20)
    }

    @Test("zoom shows one pane over the whole area and toggles back")
    func zoom() {
        var layout = self.layout
        layout.toggleZoom("chat")
        #expect(layout.frames(in: Rect(x: 0, y: 0, width: 80, height: 24)) == ["chat": Rect(x: 0, y: 0, width: 80, height: 24)])
        layout.toggleZoom("chat")
        #expect(layout.frames(in: Rect(x: 0, y: 0, width: 80, height: 24)).count == 4)
    }

    @Test("focus cycles in reading order and moves by direction")
    func focus() {
        #expect(self.layout.panes == ["tree", "main", "chat", "memory"])
        #expect(self.layout.next(after: "memory") == "tree")
        #expect(self.layout.previous(before: "tree") == "memory")
        let area = Rect(x: 0, y: 0, width: 100, height: 30)
        #expect(self.layout.neighbor(of: "main", .right, in: area) == "chat")
        #expect(self.layout.neighbor(of: "chat", .down, in: area) == "memory")
        #expect(self.layout.neighbor(of: "memory", .left, in: area) == "main")
        #expect(self.layout.neighbor(of: "tree", .left, in: area) == nil)
    }
}
