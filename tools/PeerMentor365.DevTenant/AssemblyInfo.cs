namespace PeerMentor365.DevTenant;
