// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.24;

/// @notice The slice of ERC-20 the escrow uses.
interface IERC20Minimal {
    function transfer(address to, uint256 value) external returns (bool);
    function transferFrom(address from, address to, uint256 value) external returns (bool);
}

/// @title Escrow
/// @notice SwapDesk's contract on every chain it serves. Payers deposit into it against a quote
///         reference; SwapDesk's signer accounts fill quotes from the liquidity it holds (the
///         treasury on that chain); the operator refunds deposits that could not be honoured.
///         A quote reference can be filled once and refunded once, whatever the server does: a
///         second fill of the same reference reverts, so even a bug cannot pay twice.
contract Escrow {
    address public immutable operator;
    mapping(address => bool) public isSigner;
    mapping(bytes32 => bool) public filled;
    mapping(bytes32 => bool) public refunded;

    event Deposited(bytes32 indexed quoteId, address indexed token, address indexed from, uint256 amount);
    event Filled(bytes32 indexed quoteId, address indexed token, address indexed recipient, uint256 amount,
        address signer);
    event Refunded(bytes32 indexed quoteId, address indexed token, address indexed to, uint256 amount);
    event SignerChanged(address indexed signer, bool allowed);

    error NotOperator(address caller);
    error NotSigner(address caller);
    error AlreadyFilled(bytes32 quoteId);
    error AlreadyRefunded(bytes32 quoteId);
    error ZeroAmount();
    error ZeroAddress();
    error TokenTransferFailed(address token);

    constructor(address operator_) {
        if (operator_ == address(0)) revert ZeroAddress();
        operator = operator_;
    }

    modifier onlyOperator() {
        if (msg.sender != operator) revert NotOperator(msg.sender);
        _;
    }

    function setSigner(address signer, bool allowed) external onlyOperator {
        if (signer == address(0)) revert ZeroAddress();
        isSigner[signer] = allowed;
        emit SignerChanged(signer, allowed);
    }

    /// @notice Pays `amount` of `token` into the escrow for quote `quoteId`; the payer approves the
    ///         escrow first. The event is what SwapDesk's deposit watcher reads.
    function deposit(bytes32 quoteId, address token, uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        _pull(token, msg.sender, amount);
        emit Deposited(quoteId, token, msg.sender, amount);
    }

    /// @notice Delivers `amount` of `token` to `recipient` for quote `quoteId`, once.
    function fill(bytes32 quoteId, address token, address recipient, uint256 amount) external {
        if (!isSigner[msg.sender]) revert NotSigner(msg.sender);
        if (filled[quoteId]) revert AlreadyFilled(quoteId);
        if (recipient == address(0)) revert ZeroAddress();
        if (amount == 0) revert ZeroAmount();
        filled[quoteId] = true;
        _push(token, recipient, amount);
        emit Filled(quoteId, token, recipient, amount, msg.sender);
    }

    /// @notice Returns a deposit that could not be honoured, once per quote reference.
    function refund(bytes32 quoteId, address token, address to, uint256 amount) external onlyOperator {
        if (refunded[quoteId]) revert AlreadyRefunded(quoteId);
        if (to == address(0)) revert ZeroAddress();
        if (amount == 0) revert ZeroAmount();
        refunded[quoteId] = true;
        _push(token, to, amount);
        emit Refunded(quoteId, token, to, amount);
    }

    /// @dev Accepts tokens that return true, and tokens that return nothing (older ERC-20s).
    function _pull(address token, address from, uint256 amount) private {
        (bool ok, bytes memory data) = token.call(
            abi.encodeCall(IERC20Minimal.transferFrom, (from, address(this), amount)));
        if (!ok || (data.length != 0 && !abi.decode(data, (bool)))) revert TokenTransferFailed(token);
    }

    function _push(address token, address to, uint256 amount) private {
        (bool ok, bytes memory data) = token.call(abi.encodeCall(IERC20Minimal.transfer, (to, amount)));
        if (!ok || (data.length != 0 && !abi.decode(data, (bool)))) revert TokenTransferFailed(token);
    }
}
