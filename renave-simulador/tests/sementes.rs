//! The seed constants of the simulated world are public at the crate root
//! (`renave_simulador::CARRO_APTO`, re-exported as `renave::simulador::CARRO_APTO`) and say the
//! truth about both simulators: each vehicle, owner, establishment and id a test names is the one
//! the simulators serve.

use renave_domain::{Chassi, Cnpj, CpfCnpj, ItemAptidao};
use renave_simulador::renave_ws::{SimuladorRenaveWs, SituacaoInicial};
use renave_simulador::{
    CARRO_APTO, CNPJ_ESTABELECIMENTO, CNPJ_FILIAL, CNPJ_ITE, CNPJ_MONTADORA,
    CNPJ_OUTRO_ESTABELECIMENTO, CONSUMER_KEY_PADRAO, CONSUMER_SECRET_PADRAO, CPF_COMPRADOR,
    CPF_OPERADOR, CPF_VENDEDOR_CARRO, CPF_VENDEDOR_MOTO, EM_ESTOQUE, EM_ESTOQUE_LAUDO_VENCIDO,
    ID_AUTORIZACAO_ITE, ID_AUTORIZACAO_USADO, ID_AUTORIZACAO_ZERO_KM, ID_ENTREGA,
    ID_ESTOQUE_EM_ESTOQUE, ID_ESTOQUE_LAUDO_VENCIDO, IMPEDIMENTOS_NAO_APTOS, IdentidadeVeiculo,
    MOTO_APTA, NAO_APTOS, NOME_ESTABELECIMENTO, SimuladoresRenave, VEICULO_AUTORIZADO,
    VEICULO_DA_FILIAL, VEICULO_PROPRIO,
};

fn chassi(v: &IdentidadeVeiculo) -> Chassi {
    v.chassi.parse().expect("seeded chassi")
}

fn dono(v: &IdentidadeVeiculo) -> CpfCnpj {
    v.proprietario
        .unwrap_or(CNPJ_ESTABELECIMENTO)
        .parse()
        .expect("seeded owner")
}

#[tokio::test]
async fn constantes_publicas_descrevem_os_dois_simuladores() {
    let mundo = SimuladoresRenave::iniciar_com(
        renave_simulador::cetmg::SimuladorCetMg::builder(),
        SimuladorRenaveWs::builder().tempo_real(false),
    )
    .await;
    let ws = mundo.renave_ws.dados();

    // The apto vehicles: apto on CET-MG with the seller named by the constants, ready for
    // entrada on Renave-WS.
    for (v, vendedor) in [
        (CARRO_APTO, CPF_VENDEDOR_CARRO),
        (MOTO_APTA, CPF_VENDEDOR_MOTO),
    ] {
        assert_eq!(v.proprietario, Some(vendedor));
        let mg = mundo.cetmg.veiculo(&chassi(&v)).expect("on CET-MG");
        assert!(mg.is_apto());
        assert_eq!(mg.proprietario, dono(&v));
        assert_eq!(mg.placa.as_str(), v.placa);
        assert_eq!(mg.renavam.as_str(), v.renavam);
        let u = ws
            .usados
            .iter()
            .find(|u| u.chassi == chassi(&v))
            .expect("on Renave-WS");
        assert_eq!(u.situacao, SituacaoInicial::ParticularProntoParaEntrada);
        assert_eq!(u.proprietario, dono(&v));
    }

    // The vehicles in stock: the establishment's, with the same stock id on both sides.
    for (v, id) in [
        (EM_ESTOQUE, ID_ESTOQUE_EM_ESTOQUE),
        (EM_ESTOQUE_LAUDO_VENCIDO, ID_ESTOQUE_LAUDO_VENCIDO),
    ] {
        assert_eq!(v.proprietario, None);
        let mg = mundo.cetmg.veiculo(&chassi(&v)).expect("on CET-MG");
        assert_eq!(mg.id_estoque, Some(id.to_string()));
        let u = ws
            .usados
            .iter()
            .find(|u| u.chassi == chassi(&v))
            .expect("on Renave-WS");
        assert_eq!(u.id, Some(id));
    }

    // One não-apto vehicle per impediment, in the documented order.
    assert_eq!(NAO_APTOS.len(), IMPEDIMENTOS_NAO_APTOS.len());
    for (v, item) in NAO_APTOS.iter().zip(IMPEDIMENTOS_NAO_APTOS) {
        let mg = mundo.cetmg.veiculo(&chassi(v)).expect("on CET-MG");
        assert!(!mg.is_apto(), "{item:?}");
        assert_eq!(mg.impedimento, Some(item));
        assert_eq!(mg.proprietario, dono(v));
    }
    assert!(IMPEDIMENTOS_NAO_APTOS.contains(&ItemAptidao::Gravame));

    // Renave-WS alone: the establishment's own vehicle, the branch's, the authorized one.
    for (v, situacao) in [
        (
            VEICULO_PROPRIO,
            SituacaoInicial::PropriedadeDoEstabelecimento,
        ),
        (VEICULO_DA_FILIAL, SituacaoInicial::PropriedadeDeFilial),
        (
            VEICULO_AUTORIZADO,
            SituacaoInicial::AutorizadoPorOutroEstabelecimento,
        ),
    ] {
        let u = ws
            .usados
            .iter()
            .find(|u| u.chassi == chassi(&v))
            .expect("on Renave-WS");
        assert_eq!(u.situacao, situacao);
        assert_eq!(u.proprietario, dono(&v));
    }
    assert_eq!(
        ws.usados
            .iter()
            .find(|u| u.chassi == chassi(&VEICULO_AUTORIZADO))
            .and_then(|u| u.id),
        Some(ID_AUTORIZACAO_USADO)
    );
    for id in [ID_AUTORIZACAO_ZERO_KM, ID_ENTREGA, ID_AUTORIZACAO_ITE] {
        assert!(ws.zero_km.iter().any(|z| z.id == Some(id)), "{id}");
    }

    // Establishments and people.
    assert_eq!(ws.cnpj_estabelecimento.as_str(), CNPJ_ESTABELECIMENTO);
    assert_eq!(ws.nome_estabelecimento, NOME_ESTABELECIMENTO);
    assert_eq!(ws.cnpj_filial.as_str(), CNPJ_FILIAL);
    assert_eq!(
        ws.cnpj_outro_estabelecimento.as_str(),
        CNPJ_OUTRO_ESTABELECIMENTO
    );
    assert_eq!(ws.cnpj_montadora.as_str(), CNPJ_MONTADORA);
    assert_eq!(ws.cnpj_ite.as_str(), CNPJ_ITE);
    assert_eq!(ws.cpf_operador.as_str(), CPF_OPERADOR);
    assert_eq!(ws.cpf_comprador.as_str(), CPF_COMPRADOR);
    assert!(CNPJ_ESTABELECIMENTO.parse::<Cnpj>().is_ok());

    // The CET-MG credentials the simulator accepts by default.
    assert!(!CONSUMER_KEY_PADRAO.is_empty() && !CONSUMER_SECRET_PADRAO.is_empty());
}

/// `Debug` of a seeded vehicle shows its owner's CPF masked (last two digits), a CNPJ whole.
#[test]
fn debug_da_identidade_mascara_o_cpf() {
    let texto = format!("{CARRO_APTO:?}");
    assert!(texto.contains(CARRO_APTO.chassi), "{texto}");
    assert!(!texto.contains(CPF_VENDEDOR_CARRO), "{texto}");
    assert!(texto.contains("***.***.***-25"), "{texto}");
    let texto = format!("{VEICULO_DA_FILIAL:?}");
    assert!(texto.contains(CNPJ_FILIAL), "{texto}");
}
