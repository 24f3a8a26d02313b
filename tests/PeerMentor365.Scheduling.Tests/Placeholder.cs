namespace PeerMentor365.Scheduling.Tests; public class Placeholder { [Fact] public void Builds() => Assert.True(true); }
