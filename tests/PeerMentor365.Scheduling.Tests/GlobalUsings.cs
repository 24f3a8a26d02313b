global using NodaTime;
global using PeerMentor365.Scheduling.Tests.Support;
global using static PeerMentor365.Scheduling.Tests.Support.Scenario;
global using Interval = NodaTime.Interval;
