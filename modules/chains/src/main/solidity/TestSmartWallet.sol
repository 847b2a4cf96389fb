// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.24;

/// @title TestSmartWallet
/// @notice A minimal contract wallet for local chains and tests: it accepts, through EIP-1271's
///         isValidSignature, exactly the signatures its owner key makes over the given hash. Real
///         contract wallets (multisigs, account-abstraction wallets) answer the same call with their
///         own rules; sign-in only relies on the interface.
contract TestSmartWallet {
    /// EIP-1271's magic value: bytes4(keccak256("isValidSignature(bytes32,bytes)")).
    bytes4 internal constant VALID = 0x1626ba7e;
    bytes4 internal constant INVALID = 0xffffffff;
    /// Half the secp256k1 order: a larger s is the malleated twin of a valid signature (EIP-2).
    uint256 internal constant HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    address public immutable owner;

    constructor(address owner_) {
        owner = owner_;
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        if (signature.length != 65) return INVALID;
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        if (v < 27) v += 27;
        if (uint256(s) > HALF_ORDER || (v != 27 && v != 28)) return INVALID;
        address signer = ecrecover(hash, v, r, s);
        return signer != address(0) && signer == owner ? VALID : INVALID;
    }
}
