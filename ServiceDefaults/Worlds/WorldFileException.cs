namespace SmartHome.ServiceDefaults.Worlds;

/// <summary>A world file that cannot be used; the message names the file, the line and the JSON path of each problem.</summary>
public sealed class WorldFileException(string message) : Exception(message);
