namespace PeerMentor365.DevTenant.Tests; public class Placeholder { [Fact] public void Builds() => Assert.True(true); }
