namespace PeerMentor365.Provisioning;

/// <summary>A failure the admin can act on; its message is the sentence the command prints.</summary>
internal sealed class ProvisioningException(string message, Exception? inner = null) : Exception(message, inner);
