namespace SmartHome.ServiceDefaults.Worlds;

/// <summary>A person who talks to the assistant; <see cref="VendorAccount"/> (an email) is the vendor account their skill is linked to at seeding, if any.</summary>
public sealed record WorldPerson(string Id, string? VendorAccount = null);
