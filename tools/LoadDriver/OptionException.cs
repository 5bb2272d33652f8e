namespace SmartHome.LoadDriver;

/// <summary>A command line the driver cannot run; the message says what to write instead.</summary>
public sealed class OptionException(string message) : Exception(message);
