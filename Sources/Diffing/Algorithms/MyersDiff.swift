/// Myers' O(ND) difference algorithm in linear space.
///
/// Follows Myers 1986 ("An O(ND) Difference Algorithm and Its Variations", section 4b): search
/// forward from the start and backward from the end at once, one edit step at a time, until the
/// furthest-reaching paths meet on a diagonal; split there and recurse on both halves. Common
/// prefixes and suffixes are trimmed first, which makes the usual localized edits cheap.
///
/// Unless `minimal` is set, a search that needs more than `costLimit` steps stops and splits at
/// the furthest point either direction reached (git's `mxcost` heuristic): the script stays
/// valid but may be slightly longer than minimal, and pathological inputs stay fast.
///
/// - Complexity: O((N + M) · D) time, O(N + M) space, for N and M elements and D edits.
struct MyersDiff {
    let input: DiffInput
    let minimal: Bool
    /// Steps after which a non-minimal search settles for the best split so far.
    let costLimit: Int

    init(input: DiffInput, minimal: Bool) {
        self.input = input
        self.minimal = minimal
        // git: the square root of the number of diagonals, at least 256.
        var root = 1
        let diagonals = input.old.count + input.new.count + 3
        while root * root < diagonals { root *= 2 }
        self.costLimit = max(256, root)
    }

    /// Marks the changes between `old` and `new` (ranges of the input).
    mutating func run(_ marks: inout ChangeMarks, old: Range<Int>, new: Range<Int>) {
        guard let (old, new) = self.input.remainder(&marks, old: old, new: new) else { return }
        let split = self.split(old: old, new: new)
        guard
            (split.x, split.y) != (old.lowerBound, new.lowerBound)
                && (split.x, split.y) != (old.upperBound, new.upperBound)
        else {
            // No progress is possible only if the search went wrong; degrade to "all changed".
            marks.markAll(old: old, new: new)
            return
        }
        self.run(&marks, old: old.lowerBound..<split.x, new: new.lowerBound..<split.y)
        self.run(&marks, old: split.x..<old.upperBound, new: split.y..<new.upperBound)
    }

    /// A point on (or, past the cost limit, near) an optimal path through the edit graph of
    /// `old` × `new`, in absolute indices; both ranges are non-empty with no common prefix/suffix.
    private func split(old: Range<Int>, new: Range<Int>) -> (x: Int, y: Int) {
        let n = old.count
        let m = new.count
        let a = self.input.old.baseAddress! + old.lowerBound  // safe: ranges are non-empty
        let b = self.input.new.baseAddress! + new.lowerBound  // safe: ranges are non-empty
        let maxD = (n + m + 1) / 2
        let offset = maxD + 1
        let length = 2 * maxD + 3
        let delta = n - m
        let deltaIsOdd = delta & 1 != 0
        var forward = [Int](repeating: -1, count: length)
        var backward = [Int](repeating: -1, count: length)
        forward[offset + 1] = 0
        backward[offset + 1] = 0
        // Diagonals that ran off the grid are skipped from then on.
        var forwardStartTrim = 0
        var forwardEndTrim = 0
        var backwardStartTrim = 0
        var backwardEndTrim = 0
        return forward.withUnsafeMutableBufferPointer { vf in
            backward.withUnsafeMutableBufferPointer { vb in
                for d in 0...maxD {
                    var k = -d + forwardStartTrim
                    while k <= d - forwardEndTrim {
                        let index = offset + k
                        var x =
                            (k == -d || (k != d && vf[index - 1] < vf[index + 1])) ? vf[index + 1] : vf[index - 1] + 1
                        var y = x - k
                        while x < n && y < m && a[x] == b[y] {
                            x += 1
                            y += 1
                        }
                        vf[index] = x
                        if x > n {
                            forwardEndTrim += 2
                        } else if y > m {
                            forwardStartTrim += 2
                        } else if deltaIsOdd {
                            let mirror = offset + delta - k
                            if mirror >= 0 && mirror < length && vb[mirror] != -1 && x >= n - vb[mirror] {
                                return (old.lowerBound + x, new.lowerBound + y)
                            }
                        }
                        k += 2
                    }
                    k = -d + backwardStartTrim
                    while k <= d - backwardEndTrim {
                        let index = offset + k
                        var x =
                            (k == -d || (k != d && vb[index - 1] < vb[index + 1])) ? vb[index + 1] : vb[index - 1] + 1
                        var y = x - k
                        while x < n && y < m && a[n - x - 1] == b[m - y - 1] {
                            x += 1
                            y += 1
                        }
                        vb[index] = x
                        if x > n {
                            backwardEndTrim += 2
                        } else if y > m {
                            backwardStartTrim += 2
                        } else if !deltaIsOdd {
                            let mirror = offset + delta - k
                            if mirror >= 0 && mirror < length && vf[mirror] != -1 {
                                let forwardX = vf[mirror]
                                let forwardY = forwardX - (mirror - offset)
                                if forwardX >= n - x {
                                    return (old.lowerBound + forwardX, new.lowerBound + forwardY)
                                }
                            }
                        }
                        k += 2
                    }
                    if !self.minimal && d >= self.costLimit {
                        return self.bestPartialSplit(
                            d: d, offset: offset, n: n, m: m, vf: vf, vb: vb, old: old, new: new)
                    }
                }
                // Unreachable for non-empty inputs: the paths always meet by step maxD.
                return (old.lowerBound, new.lowerBound)
            }
        }
    }

    /// The furthest point either search reached after `d` steps, as a split point.
    private func bestPartialSplit(
        d: Int, offset: Int, n: Int, m: Int,
        vf: UnsafeMutableBufferPointer<Int>, vb: UnsafeMutableBufferPointer<Int>,
        old: Range<Int>, new: Range<Int>
    ) -> (x: Int, y: Int) {
        var best = (x: -1, y: -1, progress: -1)
        var k = -d
        while k <= d {
            let index = offset + k
            let x = vf[index]
            let y = x - k
            if x >= 0 && x <= n && y >= 0 && y <= m && x + y > best.progress && (x, y) != (n, m) && x + y > 0 {
                best = (x, y, x + y)
            }
            let reverseX = vb[index]
            let reverseY = reverseX - k
            if reverseX >= 0 && reverseX <= n && reverseY >= 0 && reverseY <= m && reverseX + reverseY > best.progress
                && reverseX + reverseY > 0 && (reverseX, reverseY) != (n, m)
            {
                best = (n - reverseX, m - reverseY, reverseX + reverseY)
            }
            k += 1
        }
        if best.progress < 0 { return (old.lowerBound, new.lowerBound) }
        return (old.lowerBound + best.x, new.lowerBound + best.y)
    }
}
