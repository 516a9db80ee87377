import Foundation
import Testing
@testable import LikenessLearning

/// The optimisers' update rules and the schedules.
@Suite struct OptimizerTests {
    @Test func sgdMomentumMatchesTheRuleByHand() {
        var sgd = MomentumSGD(count: 1, momentum: 0.9, weightDecay: 0.1)
        var p: [Float] = [1]
        sgd.step(&p, gradient: [2], rate: 0.5)   // v = 2 + 0.1·1 = 2.1; p = 1 − 1.05
        #expect(abs(p[0] - -0.05) < 1e-6)
        sgd.step(&p, gradient: [1], rate: 0.5)   // v = 0.9·2.1 + 1 + 0.1·(−0.05) = 2.885; p = −0.05 − 1.4425
        #expect(abs(p[0] - -1.4925) < 1e-5)
    }

    @Test func adamFirstStepIsTheRateTimesTheSign() {
        // With bias correction, Adam's first step is rate · g / (|g| + ε).
        var adam = Adam(count: 2, weightDecay: 0, decoupled: true)
        var p: [Float] = [1, 1]
        adam.step(&p, gradient: [3, -0.5], rate: 0.1)
        #expect(abs(p[0] - 0.9) < 1e-6 && abs(p[1] - 1.1) < 1e-6)
    }

    @Test func decoupledDecayShrinksWithoutTheMoments() {
        var adamw = Adam(count: 1, weightDecay: 0.5, decoupled: true)
        var coupled = Adam(count: 1, weightDecay: 0.5, decoupled: false)
        var p: [Float] = [2], q: [Float] = [2]
        adamw.step(&p, gradient: [0], rate: 0.1)      // shrink by 1 − 0.05, no gradient step
        coupled.step(&q, gradient: [0], rate: 0.1)    // gradient 0.5·2 = 1: a full Adam step
        #expect(abs(p[0] - 1.9) < 1e-6)
        #expect(abs(q[0] - 1.9) < 1e-6)
        adamw.step(&p, gradient: [0], rate: 0.1)
        coupled.step(&q, gradient: [0], rate: 0.1)
        #expect(abs(p[0] - 1.805) < 1e-6)
        #expect(p[0] != q[0])
    }

    @Test(arguments: OptimizerKind.allCases)
    func everyOptimizerMinimisesAQuadratic(kind: OptimizerKind) {
        var optimizer = kind.make(count: 3, weightDecay: 0)
        var p: [Float] = [3, -2, 1]
        let target: [Float] = [0.5, 1, -1]
        for _ in 0..<500 { optimizer.step(&p, gradient: zip(p, target).map { 2 * ($0 - $1) }, rate: 0.05) }
        for (value, goal) in zip(p, target) { #expect(abs(value - goal) < 0.05, "\(kind)") }
    }

    @Test func schedules() {
        let cosine = LearningRateSchedule.cosine
        #expect(cosine.rate(base: 0.1, step: 0, totalSteps: 100, stepsPerEpoch: 10) == 0.1)
        #expect(abs(cosine.rate(base: 0.1, step: 50, totalSteps: 100, stepsPerEpoch: 10) - 0.05) < 1e-7)
        #expect(cosine.rate(base: 0.1, step: 100, totalSteps: 100, stepsPerEpoch: 10) < 1e-9)
        let step = LearningRateSchedule.step(epochs: 2, factor: 0.5)
        #expect(step.rate(base: 1, step: 19, totalSteps: 100, stepsPerEpoch: 10) == 1)
        #expect(step.rate(base: 1, step: 20, totalSteps: 100, stepsPerEpoch: 10) == 0.5)
        #expect(step.rate(base: 1, step: 45, totalSteps: 100, stepsPerEpoch: 10) == 0.25)
        #expect(LearningRateSchedule.constant.rate(base: 0.3, step: 77, totalSteps: 100, stepsPerEpoch: 10) == 0.3)
        let margin = MarginSchedule(start: 1, end: 1.5)
        #expect(margin.margin(epoch: 0, of: 11) == 1 && margin.margin(epoch: 10, of: 11) == 1.5)
        #expect(abs(margin.margin(epoch: 5, of: 11) - 1.25) < 1e-6)
        #expect(margin.margin(epoch: 0, of: 1) == 1)
    }
}
