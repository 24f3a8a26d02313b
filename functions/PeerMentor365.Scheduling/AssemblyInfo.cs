namespace PeerMentor365.Scheduling;
