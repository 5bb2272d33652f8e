using SmartHome.SimulatedPlug.Dimming;
using SmartHome.SimulatedPlug.Memory;
using StackExchange.Redis;

namespace SmartHome.SimulatedPlug.Tests;

public class PlugMemoryTests
{
    [Fact]
    public void Memory_lives_under_the_plug_prefix()
    {
        Assert.Equal("plug:plug-1:memory", PlugMemory.KeyFor("plug-1").ToString());
    }

    [Theory]
    [InlineData(true, 40)]
    [InlineData(false, 1)]
    [InlineData(false, 100)]
    public void What_is_written_reads_back(bool isOn, int level)
    {
        var fields = PlugMemory.Write(new Dimmer(isOn, level));

        Assert.Equal(new RememberedState(isOn, level), PlugMemory.Read(fields));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("ON", null)]
    [InlineData("on", "40")]
    [InlineData("ON", "0")]
    [InlineData("ON", "101")]
    [InlineData("ON", "forty")]
    public void A_hash_this_plug_did_not_write_is_ignored(string? power, string? level)
    {
        var fields = new List<HashEntry>();
        if (power is not null)
        {
            fields.Add(new HashEntry(PlugMemory.PowerField, power));
        }

        if (level is not null)
        {
            fields.Add(new HashEntry(PlugMemory.LevelField, level));
        }

        Assert.Null(PlugMemory.Read([.. fields]));
    }
}
