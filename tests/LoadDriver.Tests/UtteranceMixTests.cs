namespace SmartHome.LoadDriver.Tests;

public sealed class UtteranceMixTests
{
    private static readonly IReadOnlyList<Person> People = WorldPeople.Fleet(5);

    [Fact]
    public void The_same_seed_gives_the_same_utterances()
    {
        var first = new UtteranceMix(People, seed: 3);
        var second = new UtteranceMix(People, seed: 3);

        Assert.Equal(Enumerable.Range(0, 50).Select(_ => first.Next()), Enumerable.Range(0, 50).Select(_ => second.Next()));
    }

    [Fact]
    public void The_mix_has_commands_and_questions_in_the_asked_shares_across_every_person()
    {
        var mix = new UtteranceMix(People, seed: 1, questionShare: 0.2);

        var drawn = Enumerable.Range(0, 10_000).Select(_ => mix.Next()).ToList();

        var shares = drawn.GroupBy(u => u.Kind).ToDictionary(g => g.Key, g => g.Count() / 10_000.0);
        Assert.InRange(shares[UtteranceKind.Question], 0.17, 0.23);
        Assert.InRange(shares[UtteranceKind.TurnOn], 0.25, 0.31);
        Assert.InRange(shares[UtteranceKind.TurnOff], 0.25, 0.31);
        Assert.InRange(shares[UtteranceKind.SetLevel], 0.20, 0.26);
        Assert.Equal(People.Select(p => p.User).Order(), drawn.Select(u => u.Person.User).Distinct().Order());
    }

    [Fact]
    public void Each_kind_is_said_in_words_the_assistant_understands()
    {
        var mix = new UtteranceMix([new Person("owner", "home-1", "bedroom lamp")], seed: 2);

        var texts = Enumerable.Range(0, 500).Select(_ => mix.Next()).ToLookup(u => u.Kind, u => u.Text);

        Assert.All(texts[UtteranceKind.TurnOn], t => Assert.Equal("turn on the bedroom lamp", t));
        Assert.All(texts[UtteranceKind.TurnOff], t => Assert.Equal("turn off the bedroom lamp", t));
        Assert.All(texts[UtteranceKind.Question], t => Assert.Equal("is the bedroom lamp on", t));
        Assert.All(texts[UtteranceKind.SetLevel], t => Assert.Matches(@"^set the bedroom lamp to (\d+) percent$", t));
        Assert.All(texts[UtteranceKind.SetLevel], t => Assert.InRange(int.Parse(t.Split(' ')[5]), 5, 100));
    }
}
